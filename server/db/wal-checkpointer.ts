import { Worker } from 'node:worker_threads';

/**
 * WAL checkpoints off the request path. SQLite's automatic checkpoint runs inside whichever COMMIT
 * pushes the WAL past 1,000 pages, so one request in many paid 10–15 ms of copying and two fsyncs
 * on the event loop, and every request queued behind it. The app's connection turns it off
 * (`wal_autocheckpoint=0`) and this worker thread, on its own connection, checkpoints every
 * `CHECKPOINT_INTERVAL_MS` (see checkpoint-worker.mjs).
 *
 * Copying frames into the database does not shrink the WAL: only a checkpoint that finds no
 * transaction open can start it again from the beginning. Under a steady stream of writes the
 * group commit opens its next transaction the moment the last one commits, so the WAL grew
 * without end (136 MB in 20 s of the benchmark's writes). Past `truncateFrames`, the group commit
 * asks for a truncating checkpoint (`cutBack`) before its next transaction.
 */
const CHECKPOINT_INTERVAL_MS = 100;
const STOP_TIMEOUT_MS = 5_000;
/** SQLite's default page size: the WAL holds one frame per page written. */
const PAGE_BYTES = 4_096;

export interface CheckpointStats {
  /** Checkpoints that found frames in the WAL. */
  checkpoints: number;
  /** The WAL's size at the last checkpoint and how much of it was in the database file, in frames. */
  walFrames: number;
  checkpointedFrames: number;
  /** Truncating checkpoints that emptied the WAL. */
  truncations: number;
}

interface CheckpointResult {
  readonly busy: number;
  readonly log: number;
  readonly checkpointed: number;
}
type WorkerMessage = ({ type: 'checkpointed' | 'truncated' } & CheckpointResult) | { type: 'failed'; message: string };

export class WalCheckpointer {
  readonly stats: CheckpointStats = { checkpoints: 0, walFrames: 0, checkpointedFrames: 0, truncations: 0 };
  private readonly worker: Worker;
  private readonly exited: Promise<void>;
  private readonly truncateFrames: number;
  private cuttingBack: { promise: Promise<void>; done(): void } | undefined;
  /** When a cut-back the readers kept from emptying the WAL may be tried again. */
  private nextCutBackAt = 0;
  private failed = false;

  /**
   * `truncateAtMb`: the WAL size past which it is emptied. `onFailure` runs once if the worker
   * cannot checkpoint, so the caller can fall back to SQLite's own checkpoints.
   */
  constructor(databaseFile: string, truncateAtMb: number, onFailure: (error: Error) => void) {
    this.truncateFrames = Math.max(1, Math.floor((truncateAtMb * 1024 * 1024) / PAGE_BYTES));
    this.worker = new Worker(new URL('./checkpoint-worker.mjs', import.meta.url), {
      workerData: { file: databaseFile, intervalMs: CHECKPOINT_INTERVAL_MS, truncateFrames: this.truncateFrames },
    });
    this.worker.unref(); // a CLI command that forgets to close its database still exits
    const fail = (error: Error) => {
      this.finishCutBack();
      if (this.failed) return;
      this.failed = true;
      onFailure(error);
    };
    this.worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'failed') return fail(new Error(`WAL checkpoint failed: ${message.message}`));
      this.stats.checkpoints += 1;
      this.stats.walFrames = message.log;
      this.stats.checkpointedFrames = message.checkpointed;
      if (message.log === 0) this.stats.truncations += 1;
      if (message.type === 'truncated') {
        if (message.log > 0) this.nextCutBackAt = performance.now() + CHECKPOINT_INTERVAL_MS;
        this.finishCutBack();
      }
    });
    this.worker.on('error', fail);
    this.exited = new Promise((resolve) => this.worker.once('exit', () => resolve()));
  }

  /**
   * With no transaction open on the app's writer: once the WAL has grown past its limit, a
   * truncating checkpoint (resolves when it has run, emptied or not); otherwise undefined.
   */
  cutBack(): Promise<void> | undefined {
    if (this.cuttingBack) return this.cuttingBack.promise;
    if (this.failed || this.stats.walFrames < this.truncateFrames || performance.now() < this.nextCutBackAt) return undefined;
    let done = () => {};
    const promise = new Promise<void>((resolve) => (done = resolve));
    this.cuttingBack = { promise, done };
    this.worker.postMessage('truncate');
    return promise;
  }

  private finishCutBack(): void {
    this.cuttingBack?.done();
    this.cuttingBack = undefined;
  }

  /** Closes the worker's connection and ends the thread. */
  async stop(): Promise<void> {
    this.worker.postMessage('stop');
    const timeout = setTimeout(() => void this.worker.terminate(), STOP_TIMEOUT_MS);
    await this.exited;
    clearTimeout(timeout);
    this.finishCutBack();
  }
}
