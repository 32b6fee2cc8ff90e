import { Worker } from 'node:worker_threads';

/**
 * WAL checkpoints off the request path. SQLite's automatic checkpoint runs inside whichever COMMIT
 * pushes the WAL past 1,000 pages, so one request in many paid 10–15 ms of copying and two fsyncs
 * on the event loop, and every request queued behind it. The app's connection turns it off
 * (`wal_autocheckpoint=0`) and this worker thread, on its own connection, checkpoints every
 * `CHECKPOINT_INTERVAL_MS` (see checkpoint-worker.mjs).
 */
const CHECKPOINT_INTERVAL_MS = 100;
/** ≈ 64 MB of 4 KB pages: past this the WAL is truncated (briefly taking the write lock). */
const TRUNCATE_FRAMES = 16_384;
const STOP_TIMEOUT_MS = 5_000;

export interface CheckpointStats {
  /** Checkpoints that found frames in the WAL. */
  checkpoints: number;
  /** The last one's WAL size and how much of it was in the database file, in frames. */
  walFrames: number;
  checkpointedFrames: number;
}

export class WalCheckpointer {
  readonly stats: CheckpointStats = { checkpoints: 0, walFrames: 0, checkpointedFrames: 0 };
  private readonly worker: Worker;
  private readonly exited: Promise<void>;

  /** `onFailure` runs once if the worker cannot checkpoint, so the caller can fall back to SQLite's own checkpoints. */
  constructor(databaseFile: string, onFailure: (error: Error) => void) {
    this.worker = new Worker(new URL('./checkpoint-worker.mjs', import.meta.url), {
      workerData: { file: databaseFile, intervalMs: CHECKPOINT_INTERVAL_MS, truncateFrames: TRUNCATE_FRAMES },
    });
    this.worker.unref(); // a CLI command that forgets to close its database still exits
    let failed = false;
    const fail = (error: Error) => {
      if (failed) return;
      failed = true;
      onFailure(error);
    };
    this.worker.on('message', (message: { type: 'checkpointed'; log: number; checkpointed: number } | { type: 'failed'; message: string }) => {
      if (message.type === 'failed') return fail(new Error(`WAL checkpoint failed: ${message.message}`));
      this.stats.checkpoints += 1;
      this.stats.walFrames = message.log;
      this.stats.checkpointedFrames = message.checkpointed;
    });
    this.worker.on('error', fail);
    this.exited = new Promise((resolve) => this.worker.once('exit', () => resolve()));
  }

  /** Closes the worker's connection and ends the thread. */
  async stop(): Promise<void> {
    this.worker.postMessage('stop');
    const timeout = setTimeout(() => void this.worker.terminate(), STOP_TIMEOUT_MS);
    await this.exited;
    clearTimeout(timeout);
  }
}
