/** What run.ts needs from every benchmark module, and what a benchmark hands back. */

export type Metric =
  | 'req/s'
  | 'rows/s'
  | 'p50 ms'
  | 'p99 ms'
  | 'ms'
  | 'RSS MB'
  | 'heap MB'
  | 'RSS KB/viewer'
  | 'heap KB/viewer'
  | 'LCP ms'
  | 'KB sent'
  | 'rows/s exported'
  | 's'
  | 'RSS growth MB'
  | 'pair recall %'
  | 'false merges %'
  | 'macro F1'
  | OutcomeCount;

/** Counts of cases by outcome, for the merge and re-anchoring corpus. */
export type OutcomeCount = 'correct' | 'false conflict' | 'wrong merge' | 'false orphan' | 'mis-anchor';

export interface Figure {
  readonly metric: Metric;
  readonly value: number;
}

export interface Measurement {
  /** Stable key that other measurements name in `baselineId`. */
  readonly id: string;
  /** Shown in the table. */
  readonly label: string;
  readonly figures: readonly Figure[];
  /** The measurement this one is compared with: each figure gets a ratio to the baseline's figure of the same metric. */
  readonly baselineId?: string;
  /** Further baselines, each given its own rows (a comment write beside raw inserts and the bare route). */
  readonly alsoComparedWith?: readonly string[];
  /** How it was measured (connections, duration, loader CPU…), printed under the table. */
  readonly note?: string;
}

export interface BenchContext {
  /** Seconds each timed phase (load test, insert loop, broadcast loop) runs: `BENCH_DURATION`. */
  readonly durationSeconds: number;
  /**
   * Registers a clean-up (kill a child, close sockets, delete a temp folder). run.ts calls them in
   * reverse order once the benchmark finishes, fails or runs out of time, so nothing outlives it.
   */
  defer(cleanup: () => unknown): void;
}

export interface Benchmark {
  readonly name: string;
  /** Wall-clock budget; past it run.ts abandons the benchmark, runs its clean-ups and moves on. */
  timeLimitSeconds(durationSeconds: number): number;
  run(context: BenchContext): Promise<Measurement[]>;
}
