import { inject, onTestFinished } from 'vitest';
import { buildApp } from '../../server/app';
import { type Config, loadConfig } from '../../server/config';
import type { App } from '../../server/platform/fastify';
import { newSchemaName, returnSchema, takeSchema } from './postgres-schemas';

/** Set in the PostgreSQL project only (tests/helpers/postgres-setup.ts). */
export const postgresTestUrl: string | undefined = inject('postgresTestUrl');
export const onPostgres = postgresTestUrl !== undefined;

/**
 * A fresh database: in memory on SQLite; on PostgreSQL a new schema of the run's test database
 * (pass the returned config to a second `buildApp` for a second instance on the same database).
 */
export function testConfig(overrides: Partial<Config> = {}, schema = postgresTestUrl ? newSchemaName() : undefined): Config {
  const database = postgresTestUrl && schema ? { DATABASE_URL: postgresTestUrl, DATABASE_SCHEMA: schema } : {};
  // Tests post in quick succession from new accounts, and read a page straight after writing to it;
  // the new-account throttle and the section page's lag have tests of their own.
  return loadConfig({ DATA_DIR: ':memory:', LOG_LEVEL: 'silent', NEW_ACCOUNT_POST_INTERVAL_SECONDS: '0', SECTION_PAGE_LAG_MS: '0', ...database }, overrides);
}

/**
 * The real app on an empty database (see testConfig), closed when the test that built it finishes
 * (call it in a test or a `beforeEach`). On PostgreSQL its schema is one an earlier test emptied
 * when there is one, and is emptied for a later test once this app is closed (postgres-schemas.ts).
 */
export async function buildTestApp(overrides: Partial<Config> = {}): Promise<App> {
  const schema = postgresTestUrl ? await takeSchema(postgresTestUrl) : undefined;
  const app = await buildApp(testConfig(overrides, schema));
  onTestFinished(async () => {
    await app.close();
    if (postgresTestUrl && schema) await returnSchema(postgresTestUrl, schema);
  });
  return app;
}

/** The same app shared by a file's tests (call it in `beforeAll`): close it in `afterAll`. */
export async function buildSuiteApp(overrides: Partial<Config> = {}): Promise<App> {
  return buildApp(testConfig(overrides));
}
