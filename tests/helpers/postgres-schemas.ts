import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * Migrated PostgreSQL schemas, reused between tests. Migrating a fresh schema costs ~1 s on the CI
 * machine, most of a test's time there; emptying a used one costs ~40 ms. A schema is emptied
 * after the test that used it has closed its app, then listed in `public.agora_test_schemas`
 * (made by postgres-setup.ts), where any test file in any worker may take it.
 */

/** Kysely's own tables stay: they record that the schema is migrated. */
const KEPT_TABLES = ['kysely_migration', 'kysely_migration_lock'];

/** One connection per test file for taking and returning schemas; it lets the worker exit when idle. */
let admin: pg.Pool | undefined;

async function withClient<T>(url: string, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  admin ??= new pg.Pool({ connectionString: url, max: 1, allowExitOnIdle: true });
  const client = await admin.connect();
  try {
    return await work(client);
  } finally {
    client.release();
  }
}

/** A migrated, empty schema from the shared list, or a new name (the app migrates it on start). */
export async function takeSchema(url: string): Promise<string> {
  const reused = await withClient(url, (client) =>
    client.query<{ name: string }>(
      `DELETE FROM public.agora_test_schemas
        WHERE name = (SELECT name FROM public.agora_test_schemas LIMIT 1 FOR UPDATE SKIP LOCKED)
        RETURNING name`,
    ),
  );
  return reused.rows[0]?.name ?? newSchemaName();
}

export function newSchemaName(): string {
  return `t_${randomBytes(6).toString('hex')}`;
}

/**
 * Empties `schema` (every row, identities restarted, as a fresh migration leaves it) and lists it
 * for the next test. Foreign keys are not checked while it is emptied (`session_replication_role`),
 * so tables can be emptied in any order with plain DELETEs, which are far cheaper than TRUNCATE on
 * tables this small.
 */
export async function returnSchema(url: string, schema: string): Promise<void> {
  await withClient(url, async (client) => {
    const tables = await client.query<{ tablename: string }>(
      'SELECT tablename FROM pg_tables WHERE schemaname = $1 AND NOT (tablename = ANY($2))',
      [schema, KEPT_TABLES],
    );
    // Only a schema the app finished migrating is worth keeping.
    if (tables.rows.length === 0) return;
    const deletes = tables.rows.map(({ tablename }) => `DELETE FROM ${quote(schema)}.${quote(tablename)};`).join('\n');
    await client.query(`BEGIN;
      SET LOCAL session_replication_role = replica;
      ${deletes}
      SELECT setval(s.oid, 1, false) FROM pg_class s JOIN pg_namespace n ON n.oid = s.relnamespace
       WHERE s.relkind = 'S' AND n.nspname = ${literal(schema)};
      INSERT INTO public.agora_test_schemas (name) VALUES (${literal(schema)});
      COMMIT;`);
  });
}

const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;
const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;
