import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Config } from '../config';
import { LruCache } from '../platform/lru-cache';
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
  cachePreparedStatements(sqlite);
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every query afresh; parsing and planning was a quarter of a section read's CPU.
 * Queries are built from a fixed set of shapes, so reusing statements by SQL text is safe and
 * bounded. (Statements are not shared with streaming iterators, which Agora does not use.)
 */
function cachePreparedStatements(sqlite: SQLite.Database): void {
  const prepare = sqlite.prepare.bind(sqlite);
  const cache = new LruCache<string, SQLite.Statement>(STATEMENT_CACHE_SIZE);
  sqlite.prepare = ((source: string) => cache.getOrCreate(source, () => prepare(source))) as typeof sqlite.prepare;
}
