import { loadConfig } from '../config';
import { createDatabase } from '../db/database';
import { migrateToLatest } from '../db/migrator';

/** `npm run migrate`: bring the configured database to the latest schema and say what ran. */
const config = loadConfig();
const db = createDatabase(config);
try {
  const { results = [] } = await migrateToLatest(db);
  console.log(results.length === 0 ? 'Database is up to date.' : results.map((r) => `${r.status}: ${r.migrationName}`).join('\n'));
} finally {
  await db.destroy();
}
