import type { BenchContext, Measurement } from './lib/benchmark';
import { BENCH_CONSULTATION } from './lib/agora-data';
import { describeLoadTest, loadTestFigures, runLoadTest } from './lib/load-test';
import type { ChildServer } from './lib/server-process';

/**
 * Searches as readers make them, in turn: a phrase every seeded comment contains (the worst case:
 * a million matches), a word and number that match one comment, a filtered search (consultation
 * and kind) and a word nothing contains. Each counts as one request.
 */
const SEARCHES = [
  'q=procurement+thresholds',
  'q=comment+4321',
  `q=review+date&consultation=${BENCH_CONSULTATION}&kind=question`,
  'q=zebra',
].map((query) => ({ method: 'GET' as const, path: `/api/search?${query}` }));

export async function measureSearch(context: BenchContext, server: ChildServer, row: Pick<Measurement, 'id' | 'label' | 'baselineId'>, setting: string): Promise<Measurement> {
  const result = await runLoadTest(context, { url: server.url, requests: SEARCHES, server });
  return {
    ...row,
    figures: loadTestFigures(result),
    note: `GET /api/search, four searches in turn (a phrase in every comment, a word and number in one, a filtered search, a word in none), signed out, ${setting}; ${describeLoadTest(result, context.durationSeconds)}`,
  };
}
