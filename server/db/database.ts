import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Config } from '../config';
import type { Database } from './schema';

export type Db = Kysely<Database>;

export const SQLITE_FILE = 'agora.db';

/** Opens the embedded SQLite database (creating its folder) with WAL, foreign keys and a busy timeout. */
export function createDatabase(config: Pick<Config, 'dataDir' | 'sqliteSynchronous'>): Db {
  const file = config.dataDir === ':memory:' ? ':memory:' : path.join(config.dataDir, SQLITE_FILE);
  if (file !== ':memory:') fs.mkdirSync(config.dataDir, { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(`synchronous = ${config.sqliteSynchronous}`);
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
}
