import { Worker } from 'node:worker_threads';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/database';
import { now } from '../../db/time';
import type { AnalysisOutput, ThemeAssignment } from './engine/analyse';
import type { ToWorker, WorkerMessage } from './analysis.worker';
import { claimJob, finishJob, type JobRow, nextQueuedJob, requeueRunningJobs, setJobProgress } from './analysis.repository';
import { readInput, saveOutput } from './analysis-job';

/** Where each stage's progress (0–1) lands in the job's 0–100. */
const STAGES = { reading: [0, 10], grouping: [10, 50], theming: [50, 85], saving: [85, 100] } as const;
export type Stage = keyof typeof STAGES;
const percent = (stage: Stage, share: number) => Math.round(STAGES[stage][0] + (STAGES[stage][1] - STAGES[stage][0]) * Math.min(1, share));

/**
 * Runs queued analysis jobs one after another, the engine in a worker thread. Jobs live in the
 * database: a job a stopped process left running is queued again at start and runs from the start
 * (every stage skips what an earlier run saved), and the claim is a conditional update, so two
 * processes never run one job.
 */
export class AnalysisRunner {
  private draining: Promise<void> | null = null;
  private worker: Worker | null = null;
  private stopped = false;

  constructor(
    private readonly db: Db,
    private readonly log: FastifyBaseLogger,
  ) {}

  async start(): Promise<void> {
    await requeueRunningJobs(this.db);
    this.wake();
  }

  /** Looks for queued jobs (after one was added); returns at once. */
  wake(): void {
    if (this.stopped || this.draining) return;
    this.draining = this.drain().finally(() => (this.draining = null));
  }

  /** Resolves when no job is running (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.worker?.terminate();
    await this.draining?.catch(() => {});
  }

  private async drain(): Promise<void> {
    for (let job = await nextQueuedJob(this.db); job && !this.stopped; job = await nextQueuedJob(this.db)) {
      if (!(await claimJob(this.db, job.id, now()))) continue;
      try {
        await this.run(job);
        await finishJob(this.db, job.id, now(), null);
      } catch (error) {
        if (this.stopped) return; // left running: the next start queues it again
        this.log.error({ err: error, job: job.id }, 'analysis job failed');
        await finishJob(this.db, job.id, now(), error instanceof Error ? error.message : String(error));
      }
    }
  }

  private async run(job: JobRow): Promise<void> {
    const progress = (stage: Stage, share: number) => setJobProgress(this.db, job.id, stage, percent(stage, share));
    const worker = new Worker(new URL('./analysis-worker.mjs', import.meta.url));
    this.worker = worker;
    const output = this.outputOf(worker, (stage, share) => void progress(stage, share));
    output.catch(() => {}); // awaited below; a worker that fails while the input is read must not go unhandled
    const send = (message: ToWorker) => worker.postMessage(message);
    try {
      const input = await readInput(this.db, job, (responses) => send({ type: 'responses', responses }), (share) => progress('reading', share));
      send({ type: 'run', themeCount: input.themeCount, themes: input.themes, assigned: input.assigned });
      await saveOutput(this.db, job, input, await output, (share) => progress('saving', share));
    } finally {
      void worker.terminate();
    }
  }

  /** The worker's output, its assignments gathered from their chunks. */
  private outputOf(worker: Worker, onProgress: (stage: Stage, share: number) => void): Promise<AnalysisOutput> {
    return new Promise((resolve, reject) => {
      const assignments: ThemeAssignment[] = [];
      let lastReport = 0;
      worker.on('message', (message: WorkerMessage) => {
        if (message.type === 'assignments') {
          for (const assignment of message.assignments) assignments.push(assignment);
        } else if (message.type === 'done') {
          resolve({ ...message.output, assignments });
          void worker.terminate();
        } else if (Date.now() - lastReport > 250) {
          lastReport = Date.now();
          onProgress(message.stage, message.share);
        }
      });
      worker.once('error', reject);
      worker.once('exit', (code) => {
        this.worker = null;
        reject(new Error(`the analysis worker stopped (exit code ${code})`));
      });
    });
  }
}

/** The runner of each app's database (tests and the benchmark wait on its `idle()`). */
export const runners = new WeakMap<Db, AnalysisRunner>();
export const runnerFor = (db: Db): AnalysisRunner => runners.get(db)!;
