import type { TestProject } from 'vitest/node';
import pg from 'pg';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The database the PostgreSQL pass runs in; every app gets its own schema there (test-app.ts). */
    postgresTestUrl: string;
  }
}

/**
 * The PostgreSQL pass: a fresh database for this run on the server named by TEST_DATABASE_URL,
 * dropped at the end (with every schema the tests made in it).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const serverUrl = process.env.TEST_DATABASE_URL!;
  const name = `agora_test_${process.pid}_${Date.now()}`;
  await admin(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  // Migration 0026 creates it once per database; test files migrating at once would race to.
  await admin(url.toString(), 'CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public');
  // Schemas emptied after use, for the next test to take (postgres-schemas.ts).
  await admin(url.toString(), 'CREATE TABLE public.agora_test_schemas (name text PRIMARY KEY)');
  project.provide('postgresTestUrl', url.toString());
  return async () => {
    await admin(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  };
}

async function admin(connectionString: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
