/** About one cached section read's wait at p99 when idle: a read never waits much longer for a slice. */
const SLICE_MS = 2;

/**
 * Long runs of work share the one event loop with the requests waiting behind them. A group commit
 * of ten comments ran their writes back to back, about a millisecond each, and a section read that
 * arrived meanwhile waited for all of them. Work that awaits the returned function between its
 * steps yields to the I/O already waiting once it has run for `budgetMs` since it began or last
 * yielded, so a read waits for one slice, not the whole run; cheap steps still run together
 * (yielding after every write, and answering each write in a turn of its own, cut the writes per
 * commit and the comment rate with them).
 */
export function timeSlices(budgetMs = SLICE_MS): () => Promise<void> {
  let sliceStartedAt = performance.now();
  return async () => {
    if (performance.now() - sliceStartedAt < budgetMs) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    sliceStartedAt = performance.now();
  };
}
