import { setTimeout as sleep } from 'node:timers/promises';
import type SQLite from 'better-sqlite3';
import { CompiledQuery, type DatabaseConnection, type Driver, type QueryCompiler, type QueryResult, SelectQueryNode, SqliteDriver } from 'kysely';
import { HttpError } from '../platform/errors';

/**
 * Kysely's SQLite driver has one connection behind a mutex, held from BEGIN to COMMIT. A group
 * commit's transaction stays open while its writes run (awaiting between queries), so every read
 * query queued behind it: a section read of a dozen queries waited for a dozen batches. Here reads
 * outside a transaction go to a second, read-only connection, which WAL lets read the last commit
 * while a write is under way; writes and transactions keep the mutex on the one writer.
 */
export interface WriterHooks {
  /** After a BEGIN has taken the writer. */
  onBegin(): void;
  /** After a COMMIT of a transaction (the read caches' change token counts them). */
  onCommit(): void;
  /** The writer's `total_changes()`: whether a statement outside a transaction wrote anything. */
  totalChanges(): number;
  /** After such a write, with the writer released: resolves once it is durable. */
  durable(): Promise<void> | undefined;
  /** Before the connections close. */
  beforeClose(): Promise<void>;
}

export class ReadSplittingDriver implements Driver {
  private readonly writer: SqliteDriver;

  constructor(
    writer: SQLite.Database,
    private readonly reader: SQLite.Database,
    private readonly hooks: WriterHooks,
    private readonly busyTimeoutMs: number,
  ) {
    this.writer = new SqliteDriver({ database: writer });
  }

  init(): Promise<void> {
    return this.writer.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    return new RoutedConnection(this.reader, this.hooks, () => this.writer.acquireConnection(), () => this.writer.releaseConnection(), this.busyTimeoutMs);
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    const routed = connection as RoutedConnection;
    await routed.holdWriter();
    try {
      // IMMEDIATE takes the write lock at BEGIN, where `whileLockTaken` waits for the checkpoint
      // worker. A deferred BEGIN upgraded at its first write while the worker held a lock, and
      // SQLite answers that upgrade with SQLITE_BUSY at once (no busy handler applies): a 500.
      await whileLockTaken(() => routed.executeQuery(CompiledQuery.raw('begin immediate')), this.busyTimeoutMs);
    } catch (error) {
      await routed.releaseWriter();
      throw error;
    }
    this.hooks.onBegin();
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    // A failed COMMIT keeps the writer, for the ROLLBACK that follows.
    await this.writer.commitTransaction(connection);
    this.hooks.onCommit();
    await (connection as RoutedConnection).releaseWriter();
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      await this.writer.rollbackTransaction(connection);
    } finally {
      await (connection as RoutedConnection).releaseWriter();
    }
  }

  // Savepoints run inside a transaction, so on the writer this connection holds.
  savepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    return this.writer.savepoint(connection, name, compile);
  }

  rollbackToSavepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    return this.writer.rollbackToSavepoint(connection, name, compile);
  }

  releaseSavepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    return this.writer.releaseSavepoint(connection, name, compile);
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    await (connection as RoutedConnection).releaseWriter();
  }

  async destroy(): Promise<void> {
    await this.hooks.beforeClose();
    this.reader.close();
    await this.writer.destroy();
  }
}

class RoutedConnection implements DatabaseConnection {
  /** The writer's connection while this one runs a transaction. */
  private writer: DatabaseConnection | undefined;

  constructor(
    private readonly reader: SQLite.Database,
    private readonly hooks: WriterHooks,
    private readonly lockWriter: () => Promise<DatabaseConnection>,
    private readonly unlockWriter: () => Promise<void>,
    private readonly busyTimeoutMs: number,
  ) {}

  async holdWriter(): Promise<void> {
    this.writer ??= await this.lockWriter();
  }

  async releaseWriter(): Promise<void> {
    if (!this.writer) return;
    this.writer = undefined;
    await this.unlockWriter();
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (this.writer) return this.writer.executeQuery<R>(query);
    if (SelectQueryNode.is(query.query)) return { rows: this.reader.prepare(query.sql).all(query.parameters) as R[] };
    const writer = await this.lockWriter();
    let result: QueryResult<R>;
    let wrote: boolean;
    try {
      const before = this.hooks.totalChanges();
      // A statement outside a transaction is its own; refused for the lock, it did nothing.
      result = await whileLockTaken(() => writer.executeQuery<R>(query), this.busyTimeoutMs);
      wrote = this.hooks.totalChanges() !== before;
    } finally {
      await this.unlockWriter();
    }
    if (wrote) await this.hooks.durable();
    return result;
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    if (!this.writer) throw new Error('Agora streams queries only inside a transaction');
    return this.writer.streamQuery<R>(query, chunkSize);
  }
}

/** Longest pause between two tries for the write lock. */
const MAX_LOCK_PAUSE_MS = 50;

/**
 * Runs `attempt` until SQLite no longer answers SQLITE_BUSY (another connection holds the write
 * lock: the checkpoint worker truncating the WAL, a CLI command), pausing 1, 2, 4 … 50 ms on a
 * timer between tries, so the event loop serves other requests meanwhile; SQLite's own busy
 * handler sleeps on the thread. Past `timeoutMs` the write is refused with 503.
 */
async function whileLockTaken<T>(attempt: () => Promise<T>, timeoutMs: number): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (let pause = 1; ; pause = Math.min(2 * pause, MAX_LOCK_PAUSE_MS)) {
    try {
      return await attempt();
    } catch (error) {
      if (!isBusy(error)) throw error;
      if (performance.now() + pause > deadline) throw databaseBusy();
      await sleep(pause);
    }
  }
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

const databaseBusy = () => new HttpError(503, 'database_busy', 'The database is busy with other work. Please try again in a moment; nothing was saved.', undefined, { retryAfter: 1 });
