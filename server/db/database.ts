import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely } from 'kysely';
import type { Config } from '../config';
import { LruCache } from '../platform/lru-cache';
import { createPostgresDatabase, isPostgresDatabase, postgresChangeToken } from './postgres';
import { rememberStorage, sqliteStorage } from './sqlite-durability';
import type { Database } from './schema';

export type Db = Kysely<Database>;

export const SQLITE_FILE = 'agora.db';

/** Opens PostgreSQL when `databaseUrl` is set (see postgres.ts), else the embedded SQLite database. */
export function createDatabase(config: Pick<Config, 'dataDir' | 'sqliteSynchronous' | 'sqliteBusyTimeoutMs' | 'sqliteWalTruncateMb' | 'databaseUrl' | 'databaseSchema'>): Db {
  return config.databaseUrl ? createPostgresDatabase(config.databaseUrl, config.databaseSchema) : createSqliteDatabase(config);
}

/** The SQLite file (creating its folder) with WAL and foreign keys. */
function createSqliteDatabase(config: Pick<Config, 'dataDir' | 'sqliteSynchronous' | 'sqliteBusyTimeoutMs' | 'sqliteWalTruncateMb'>): Db {
  const file = config.dataDir === ':memory:' ? ':memory:' : path.join(config.dataDir, SQLITE_FILE);
  if (file !== ':memory:') fs.mkdirSync(config.dataDir, { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  // `synchronous`, the fsync after each commit, checkpoints and waiting for the write lock: see sqlite-durability.ts.
  const storage = sqliteStorage(sqlite, file, config, () => {
    const reader = new SQLite(file, { readonly: true });
    reader.pragma('busy_timeout = 5000');
    cachePreparedStatements(reader);
    return reader;
  });
  cachePreparedStatements(sqlite);
  const db = new Kysely<Database>({ dialect: storage.dialect });
  rememberStorage(db, storage);
  const dataVersion = sqlite.prepare('PRAGMA data_version').pluck();
  let otherWriters = 0;
  let checkedAt = Number.NEGATIVE_INFINITY;
  changeTokens.set(db, () => {
    const now = performance.now();
    if (now - checkedAt >= OTHER_WRITERS_CHECK_MS) {
      otherWriters = dataVersion.get() as number;
      checkedAt = now;
    }
    return `${storage.visibleChanges()}:${storage.commits.count}:${otherWriters}`;
  });
  return db;
}

const changeTokens = new WeakMap<Db, () => string>();
/**
 * `data_version` takes a WAL read lock (~15 µs here, 15% of a cached read), and other processes
 * (CLI commands) write rarely: it is read at most this often, so their commits are seen within a
 * millisecond — as if the request had raced the commit. This process's own writes count at once.
 */
const OTHER_WRITERS_CHECK_MS = 1;

/**
 * A value that changes whenever the database may have changed, read without a query through
 * Kysely: rows written through this connection (`total_changes()`, which also counts writes later
 * rolled back — erring towards "changed"; with a reader connection, a transaction's writes count
 * from its COMMIT, when that connection can first see them), transactions committed, or a commit by
 * any other connection, such as a CLI command (`data_version`). Read caches compare it (see
 * read-cache.ts). On PostgreSQL: a counter moved by every commit of this instance and by every
 * other instance's commit notification (postgres.ts), so another instance's write reaches this
 * cache once its NOTIFY arrives (a few milliseconds; as if the request had raced the commit).
 * Undefined for a transaction or a database not opened here: do not cache.
 */
export function changeToken(db: Db): string | undefined {
  return isPostgresDatabase(db) ? postgresChangeToken(db) : changeTokens.get(db)?.();
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
