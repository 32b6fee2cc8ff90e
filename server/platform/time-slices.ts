import type { FastifyInstance } from 'fastify';
import { isSafeMethod } from './fastify';

/**
 * A third of a cached section read's idle p99 (~1.5 ms): a read waits for about one slice of write
 * work. Half a millisecond measured ~2 ms lower read p99 during writes than 1 ms, at the same
 * write rate and writes per commit (4 runs each, 2026-12-04).
 */
const SLICE_MS = 0.5;

let sliceStartedAt = performance.now();
/** Work waiting for a turn, oldest first; only the head is resumed, one per turn of the event loop. */
const waiting: (() => void)[] = [];

/**
 * Long runs of write work share the one event loop with the requests waiting behind them. Every
 * such run (a write request's handling, a group commit's statements, its answers to the writers,
 * the live hub's sends) awaits this between its steps, on one clock for the whole process: once
 * `SLICE_MS` of such work has run, it waits in line (`waitInLine`). A read that arrived meanwhile
 * so waits for one slice of writing, not for the writing of every request ahead of it. Cheap
 * steps still run together (yielding after every write cut the writes per commit and the rate).
 */
export function yieldIfSliceSpent(): Promise<void> | undefined {
  if (performance.now() - sliceStartedAt < SLICE_MS) return undefined;
  return waitInLine();
}

/**
 * Waits for a turn of its own: each turn of the event loop resumes only the oldest waiter, with a
 * fresh slice, after the loop has polled for I/O. The line is strict: whoever is resumed and
 * spends its slice again joins the end, so nothing that keeps yielding starves the others
 * (resuming every waiter at once let the first queue its next wait ahead of the rest).
 */
export function waitInLine(): Promise<void> {
  return new Promise<void>((resume) => {
    waiting.push(resume);
    // A resume is already due while anyone else waits, or is queued by the one under way.
    if (waiting.length === 1 && !resuming) setImmediate(resumeOldest);
  });
}

/** True from resuming a waiter until the work it resumed has run to its next wait. */
let resuming = false;

function resumeOldest(): void {
  sliceStartedAt = performance.now();
  resuming = true;
  waiting.shift()!();
  // Queued once the resumed work has run (its continuation is the first job queued), so the next
  // waiter comes after whatever that work queued for the next turn, and after the I/O polled then.
  queueMicrotask(() => {
    resuming = false;
    if (waiting.length > 0) setImmediate(resumeOldest);
  });
}

/**
 * A write request's handling (its session, checks, Markdown, campaign signature) is write work
 * too: once the slice is spent it waits its turn before starting, so the reads that arrived with
 * it are answered first. The group commit waits in line as well, so the writes let through in
 * turns still share its transaction.
 */
export function registerWriteTurns(app: FastifyInstance): void {
  app.addHook('onRequest', (request, _reply, done) => {
    const turn = isSafeMethod(request.method) ? undefined : yieldIfSliceSpent();
    if (turn) void turn.then(() => done());
    else done();
  });
}
