import type { FastifyInstance } from 'fastify';

/** Under a cached section read's idle p99 (~1.5 ms): a read waits for at most about one slice of write work. */
const SLICE_MS = 1;

/** When the current turn of write work began: the first callback of the event loop's last check phase that had work waiting. */
let turnStartedAt = performance.now();
let waiting = 0;
let turnMarkerQueued = false;

/**
 * Long runs of write work share the one event loop with the requests waiting behind them. Every
 * such run (a write request before it reaches group commit, a group commit's statements, the live
 * hub's sends) awaits this between its steps, on one clock for the whole process: once `SLICE_MS`
 * of such work has run in this turn of the event loop, each of them waits, and the sockets are
 * polled first, so a read that arrived meanwhile waits for one slice of all the writing. Cheap
 * steps still run together (yielding after every write cut the writes per commit and the rate).
 *
 * Each waiter has a setImmediate of its own, and they run one after another in the next check
 * phase, each only if the turn still has time: resuming them all at once (one shared promise) ran
 * every waiting write request's work in one block, the stall this exists to prevent.
 */
export function yieldIfSliceSpent(): Promise<void> | undefined {
  if (performance.now() - turnStartedAt < SLICE_MS) return undefined;
  waiting += 1;
  queueTurnMarker();
  return new Promise<void>((resolve) => {
    const tryTurn = () => {
      if (performance.now() - turnStartedAt >= SLICE_MS) return void setImmediate(tryTurn);
      waiting -= 1;
      resolve();
    };
    setImmediate(tryTurn);
  });
}

/** Queued ahead of the waiters' callbacks, so each check phase with work waiting starts a fresh slice. */
function queueTurnMarker(): void {
  if (turnMarkerQueued) return;
  turnMarkerQueued = true;
  setImmediate(() => {
    turnMarkerQueued = false;
    turnStartedAt = performance.now();
    if (waiting > 0) queueTurnMarker();
  });
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A state-changing request counts as write work from its first hook: its session look-up,
 * validation and signature run before it reaches group commit (about 0.4 ms for a comment), and
 * the requests a commit answered send their next ones together, so a read polled with them
 * waited behind all of them. Now each takes its turn once the slice is spent, and reads go first.
 */
export function registerWriteRequestSlices(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    if (!SAFE_METHODS.has(request.method)) await yieldIfSliceSpent();
  });
}
