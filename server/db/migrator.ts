import { type MigrationResultSet, Migrator } from 'kysely';
import { migrations } from '../../migrations';
import type { Db } from './database';
import { postgresSchema } from './postgres';

/** Brings the schema to the latest migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Db): Promise<MigrationResultSet> {
  // A schema of its own (created when missing): Kysely otherwise finds another schema's migration table.
  const schema = postgresSchema(db);
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations }, ...(schema ? { migrationTableSchema: schema } : {}) });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Migration ${failed} failed: ${String(result.error)}`, { cause: result.error });
  }
  return result;
}
