/** Under a cached section read's idle p99 (~1.5 ms): a read waits for at most about one slice of write work. */
const SLICE_MS = 1;

let sliceStartedAt = performance.now();
let nextTurn: Promise<void> | undefined;

/**
 * Long runs of write work share the one event loop with the requests waiting behind them. Every
 * such run (a group commit's statements, its answers to the writers, the live hub's sends) awaits
 * this between its steps, on
 * one clock for the whole process: once `SLICE_MS` of such work has run since the event loop last
 * polled for I/O, each of them waits for the next turn, so a read that arrived meanwhile waits
 * for one slice of all the writing, not for the writing of every request ahead of it. Cheap steps
 * still run together (yielding after every write cut the writes per commit and the comment rate).
 * Waiters resume together, in order: a turn of its own for each starved the later ones (the one
 * resumed first queued its next wait ahead of theirs), and holding back whole write requests at
 * their first hook split group commits from ~5 writes to ~2.
 */
export function yieldIfSliceSpent(): Promise<void> | undefined {
  if (nextTurn) return nextTurn;
  if (performance.now() - sliceStartedAt < SLICE_MS) return undefined;
  nextTurn = new Promise<void>((resolve) =>
    setImmediate(() => {
      nextTurn = undefined;
      sliceStartedAt = performance.now();
      resolve();
    }),
  );
  return nextTurn;
}
