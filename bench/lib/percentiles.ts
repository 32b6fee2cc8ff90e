/** Nearest-rank percentile (p in 0–100) of unsorted samples; the value is one that was observed. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new Error('percentile of no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

export interface LatencySummary {
  readonly p50Ms: number;
  readonly p99Ms: number;
}

export function summariseLatencies(samplesMs: readonly number[]): LatencySummary {
  return { p50Ms: percentile(samplesMs, 50), p99Ms: percentile(samplesMs, 99) };
}
