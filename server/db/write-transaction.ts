import type { KyselyPlugin, Transaction } from 'kysely';
import type { Db } from './database';
import { committed, isPostgresDatabase, runLockedUnits, type UnitOutcome } from './postgres';
import { waitInLine, yieldIfSliceSpent } from '../platform/time-slices';
import { durablyCommitted, walCutBack } from './sqlite-durability';
import type { Database } from './schema';

/**
 * A write transaction. Functions that must run inside one take `trx: Trx`, so passing the root
 * database is a type error rather than a write outside the transaction.
 */
export type Trx = Transaction<Database>;

type Work<T> = (trx: Trx) => Promise<T>;

interface Pending {
  work: Work<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/**
 * Group commit. Writes that arrive together share one SQLite transaction and so one fsync, which
 * is what makes `SQLITE_SYNCHRONOUS=FULL` (durable across a power cut) affordable. Each write runs
 * in its own savepoint, so one that throws rolls back alone; every caller is answered only after
 * the shared COMMIT has succeeded and, on SQLite, an fdatasync of the WAL begun after it has
 * completed, so an acknowledged write is on disk. That fsync runs off the event loop, and the next
 * batch may commit meanwhile.
 *
 * On PostgreSQL the same batching holds, and each batch first takes one advisory lock shared by
 * every instance: writes stay serial, as on SQLite (so no rule written for SQLite's single writer
 * meets a concurrent one), and event seqs commit in order (see postgres.ts). Each batch also
 * queues a NOTIFY, delivered at its commit, which wakes every instance's live hub and moves their
 * read caches on. `runLockedUnits` (postgres.ts) runs such a batch in few round trips.
 */
class GroupCommitter {
  private queue: Pending[] = [];
  private flushing = false;
  /** Batches committed and writes in them, for `groupCommitStats`. */
  readonly stats = { commits: 0, writes: 0 };

  private readonly postgres: boolean;

  constructor(private readonly db: Db) {
    this.postgres = isPostgresDatabase(db);
  }

  run<T>(work: Work<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work: work as Work<unknown>, resolve: resolve as (value: unknown) => void, reject });
      // Waiting in line lets every request already read from the sockets, and every write request
      // waiting for its turn ahead of the batch (see time-slices.ts), join this batch.
      if (!this.flushing && this.queue.length === 1) void waitInLine().then(() => this.flush());
    });
  }

  private async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue;
        this.queue = [];
        await this.commit(batch);
      }
    } finally {
      this.flushing = false;
    }
  }

  private async commit(batch: Pending[]): Promise<void> {
    let outcomes: UnitOutcome[];
    try {
      outcomes = this.postgres ? await runLockedUnits(this.db, batch.map((item) => item.work)) : await this.commitOnSqlite(batch);
      committed(this.db);
      this.stats.commits += 1;
      this.stats.writes += batch.length;
    } catch (error) {
      // The batch as a whole failed (e.g. disk full): nothing was written, so nobody succeeds.
      for (const item of batch) item.reject(error);
      return;
    }
    // Each answered writer goes on to present its result and send its response: that is write work
    // too, so once the slice is spent the rest of the batch is answered in later turns. (Waiting a
    // turn after each writer split commits from ~5 writes to ~3 and lost 20% of the write rate.)
    const answer = async () => {
      for (const [index, item] of batch.entries()) {
        await yieldIfSliceSpent();
        const outcome = outcomes[index]!;
        if (outcome.ok) item.resolve(outcome.value);
        else item.reject(outcome.error);
      }
    };
    // SQLite: the callers wait for the WAL's fdatasync, the next batch does not (see sqlite-durability.ts).
    const durable = durablyCommitted(this.db);
    if (!durable) return void answer();
    durable.then(answer, (error: unknown) => {
      for (const item of batch) item.reject(error);
    });
  }

  /**
   * The batch on SQLite, each write in its own savepoint. Requests that arrive meanwhile (reads
   * above all, which use the other connection) are served between slices of the batch instead of
   * after all of it. (Not on PostgreSQL: there each statement's round trip frees the event loop
   * anyway, and yielding would only hold the write lock longer.)
   */
  private async commitOnSqlite(batch: Pending[]): Promise<UnitOutcome[]> {
    const outcomes: UnitOutcome[] = [];
    let trx;
    try {
      // A steady stream of batches leaves the checkpoint worker no moment to empty the WAL.
      await walCutBack(this.db);
      trx = await this.db.startTransaction().execute();
      for (const item of batch) {
        await yieldIfSliceSpent();
        const savepoint = await trx.savepoint('unit').execute();
        try {
          outcomes.push({ ok: true, value: await item.work(savepoint.withPlugin(yieldBetweenStatements)) });
          await savepoint.releaseSavepoint('unit').execute();
        } catch (error) {
          await savepoint.rollbackToSavepoint('unit').execute();
          outcomes.push({ ok: false, error });
        }
      }
      await trx.commit().execute();
    } catch (error) {
      await trx?.rollback().execute().catch(() => undefined);
      throw error;
    }
    return outcomes;
  }
}

/**
 * Ends each statement of a write with `yieldIfSliceSpent`, so one write of many statements (a
 * comment: about fifteen) is cut into slices too, not only a batch between its writes.
 */
const yieldBetweenStatements: KyselyPlugin = {
  transformQuery: ({ node }) => node,
  async transformResult({ result }) {
    await yieldIfSliceSpent();
    return result;
  },
};

const committers = new WeakMap<Db, GroupCommitter>();

/**
 * Runs `work` in a write transaction and resolves after it is durably committed. Inside another
 * write (when `db` is already a transaction) it simply joins that transaction. Never call it with
 * the root database from inside `work`: that would wait for the batch it is part of.
 */
export function writeTransaction<T>(db: Db, work: Work<T>): Promise<T> {
  if (db.isTransaction) return work(db as Trx);
  let committer = committers.get(db);
  if (!committer) committers.set(db, (committer = new GroupCommitter(db)));
  return committer.run(work);
}

/** How many writes have shared how many commits on `db` (the benchmarks report the mean batch). */
export function groupCommitStats(db: Db): { commits: number; writes: number } {
  return { ...(committers.get(db)?.stats ?? { commits: 0, writes: 0 }) };
}
