import type SQLite from 'better-sqlite3';
import { type CompiledQuery, type DatabaseConnection, type Dialect, type Driver, type QueryResult, SqliteDialect } from 'kysely';
import type { Config } from '../config';
import type { Db } from './database';
import { type CheckpointStats, WalCheckpointer } from './wal-checkpointer';
import { WalSync } from './wal-sync';

/**
 * How a file database in WAL mode keeps the event loop free of disk waits.
 *
 * - `SQLITE_SYNCHRONOUS=FULL` (the default) still means "an acknowledged write survives a power
 *   cut", but the fsync moved: the connection runs SQLite's `synchronous=NORMAL` and every commit
 *   is followed by an `fdatasync` of the WAL on libuv's thread pool before its writers are
 *   answered (wal-sync.ts). Group commits wait in write-transaction.ts (`durablyCommitted`); a
 *   lone autocommit write outside a transaction waits here, in the driver.
 * - `SQLITE_SYNCHRONOUS=NORMAL`: no sync per commit, as before (a power cut, not a crash, can
 *   lose the last acknowledged writes).
 * - Either way checkpoints run on a worker thread (wal-checkpointer.ts), not inside a COMMIT.
 *
 * `:memory:` databases have no WAL and keep SQLite's own behaviour.
 */
export interface SqliteStorage {
  readonly dialect: Dialect;
  readonly walSync?: WalSync;
  readonly checkpointer?: WalCheckpointer;
}

export function sqliteStorage(sqlite: SQLite.Database, file: string, synchronous: Config['sqliteSynchronous']): SqliteStorage {
  const walMode = file !== ':memory:' && sqlite.pragma('journal_mode', { simple: true }) === 'wal';
  if (!walMode) {
    sqlite.pragma(`synchronous = ${synchronous}`);
    return { dialect: new SqliteDialect({ database: sqlite }) };
  }
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('wal_autocheckpoint = 0');
  const checkpointer = new WalCheckpointer(file, () => sqlite.pragma('wal_autocheckpoint = 1000')); // SQLite's default, as a fallback
  const walSync = synchronous === 'FULL' ? new WalSync(`${file}-wal`) : undefined;
  return { dialect: new StorageDialect(sqlite, checkpointer, walSync), walSync, checkpointer };
}

/** SQLite's dialect, with autocommit writes made durable and the checkpointer and WAL closed before the connection. */
class StorageDialect extends SqliteDialect {
  constructor(
    private readonly sqlite: SQLite.Database,
    private readonly checkpointer: WalCheckpointer,
    private readonly walSync: WalSync | undefined,
  ) {
    super({ database: sqlite });
  }

  override createDriver(): Driver {
    const driver = super.createDriver();
    const acquire = driver.acquireConnection.bind(driver);
    const destroy = driver.destroy.bind(driver);
    const durable = new WeakSet<DatabaseConnection>();
    driver.acquireConnection = async () => {
      const connection = await acquire();
      if (this.walSync && !durable.has(connection)) this.syncAutocommitWrites(connection, this.walSync);
      durable.add(connection);
      return connection;
    };
    driver.destroy = async () => {
      await this.checkpointer.stop();
      await this.walSync?.close();
      await destroy();
    };
    return driver;
  }

  /** A write outside any transaction commits on its own: it too is answered only once synced. */
  private syncAutocommitWrites(connection: DatabaseConnection, walSync: WalSync): void {
    const totalChanges = this.sqlite.prepare('SELECT total_changes()').pluck();
    const execute = connection.executeQuery.bind(connection);
    connection.executeQuery = async <R>(query: CompiledQuery): Promise<QueryResult<R>> => {
      if (this.sqlite.inTransaction || query.query.kind === 'SelectQueryNode') return execute<R>(query);
      const before = totalChanges.get();
      const result = await execute<R>(query);
      if (!this.sqlite.inTransaction && totalChanges.get() !== before) await walSync.synced();
      return result;
    };
  }
}

const storages = new WeakMap<Db, SqliteStorage>();

export function rememberStorage(db: Db, storage: SqliteStorage): void {
  storages.set(db, storage);
}

/**
 * After a COMMIT on `db`: a promise that resolves once that commit is on disk (an fdatasync begun
 * now), or undefined when there is nothing to wait for (NORMAL, `:memory:`, PostgreSQL).
 */
export function durablyCommitted(db: Db): Promise<void> | undefined {
  return storages.get(db)?.walSync?.synced();
}

/** The checkpoint worker's counts, for the benchmarks and tests (undefined without one). */
export function checkpointStats(db: Db): CheckpointStats | undefined {
  const stats = storages.get(db)?.checkpointer?.stats;
  return stats && { ...stats };
}
