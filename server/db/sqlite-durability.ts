import type SQLite from 'better-sqlite3';
import { type Dialect, type Driver, SqliteDialect } from 'kysely';
import type { Config } from '../config';
import type { Db } from './database';
import { ReadSplittingDriver, type WriterHooks } from './sqlite-driver';
import { type CheckpointStats, WalCheckpointer } from './wal-checkpointer';
import { WalSync } from './wal-sync';

/**
 * How a file database in WAL mode keeps the event loop free of disk waits.
 *
 * - `SQLITE_SYNCHRONOUS=FULL` (the default) still means "an acknowledged write survives a power
 *   cut", but the fsync moved: the connection runs SQLite's `synchronous=NORMAL` and every commit
 *   is followed by an `fdatasync` of the WAL on libuv's thread pool before its writers are
 *   answered (wal-sync.ts). Group commits wait in write-transaction.ts (`durablyCommitted`); a
 *   lone autocommit write outside a transaction waits in the driver.
 * - `SQLITE_SYNCHRONOUS=NORMAL`: no sync per commit, as before (a power cut, not a crash, can
 *   lose the last acknowledged writes).
 * - Either way checkpoints run on a worker thread (wal-checkpointer.ts), not inside a COMMIT,
 *   reads outside a transaction use a second, read-only connection, and a write that finds the
 *   write lock taken (by a checkpoint truncating the WAL, a CLI command) waits for it on timers
 *   rather than in SQLite's busy handler, which sleeps on the event loop (sqlite-driver.ts).
 *
 * `:memory:` databases have no WAL and keep SQLite's own behaviour.
 */
export interface SqliteStorage {
  readonly dialect: Dialect;
  readonly walSync?: WalSync;
  readonly checkpointer?: WalCheckpointer;
  /** Transactions committed through the dialect (part of the read caches' change token). */
  readonly commits: { count: number };
  /**
   * `total_changes()` as readers can see it (the other part of the token): with a reader
   * connection, the writes of a transaction still open are invisible to it until COMMIT moves
   * `commits` on, so they count from then — group commit keeps its transaction open across turns
   * of the event loop, and each of its writes used to make every cached page a miss for the reads
   * served between them.
   */
  visibleChanges(): number;
}

/** `openReader` opens a second connection to `file` for reads outside transactions (sqlite-driver.ts). */
export function sqliteStorage(sqlite: SQLite.Database, file: string, config: Pick<Config, 'sqliteSynchronous' | 'sqliteBusyTimeoutMs' | 'sqliteWalTruncateMb'>, openReader: () => SQLite.Database): SqliteStorage {
  const synchronous = config.sqliteSynchronous;
  const commits = { count: 0 };
  const walMode = file !== ':memory:' && sqlite.pragma('journal_mode', { simple: true }) === 'wal';
  const totalChanges = sqlite.prepare('SELECT total_changes()').pluck();
  const changes = () => totalChanges.get() as number;
  if (!walMode) {
    sqlite.pragma(`synchronous = ${synchronous}`);
    sqlite.pragma(`busy_timeout = ${config.sqliteBusyTimeoutMs}`);
    return { dialect: new SqliteDialect({ database: sqlite }), commits, visibleChanges: changes };
  }
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('wal_autocheckpoint = 0');
  // SQLite's busy handler sleeps on the event loop; the driver waits for the lock on timers instead.
  sqlite.pragma('busy_timeout = 0');
  const checkpointer = new WalCheckpointer(file, config.sqliteWalTruncateMb, () => sqlite.pragma('wal_autocheckpoint = 1000')); // SQLite's default, as a fallback
  const walSync = synchronous === 'FULL' ? new WalSync(`${file}-wal`) : undefined;
  let changesAtBegin = 0;
  const hooks: WriterHooks = {
    onBegin: () => (changesAtBegin = changes()),
    onCommit: () => (commits.count += 1),
    totalChanges: changes,
    durable: () => walSync?.synced(),
    // The worker's connection closes first, so the app's is the last and removes the WAL.
    beforeClose: async () => {
      await checkpointer.stop();
      await walSync?.close();
    },
  };
  const visibleChanges = () => (sqlite.inTransaction ? changesAtBegin : changes());
  return { dialect: new ReadSplittingDialect(sqlite, new ReadSplittingDriver(sqlite, openReader(), hooks, config.sqliteBusyTimeoutMs)), walSync, checkpointer, commits, visibleChanges };
}

/** SQLite's dialect (query compiler, adapter) on the read-splitting driver. */
class ReadSplittingDialect extends SqliteDialect {
  constructor(
    writer: SQLite.Database,
    private readonly driver: ReadSplittingDriver,
  ) {
    super({ database: writer });
  }

  override createDriver(): Driver {
    return this.driver;
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

/**
 * Before the group commit opens its next transaction on `db`: a truncating checkpoint, when the WAL
 * has grown past `SQLITE_WAL_TRUNCATE_MB` (see wal-checkpointer.ts); otherwise undefined.
 */
export function walCutBack(db: Db): Promise<void> | undefined {
  return storages.get(db)?.checkpointer?.cutBack();
}

/** The checkpoint worker's counts, for the benchmarks and tests (undefined without one). */
export function checkpointStats(db: Db): CheckpointStats | undefined {
  const stats = storages.get(db)?.checkpointer?.stats;
  return stats && { ...stats };
}
