import { performance } from 'node:perf_hooks';
import { type Anchor, anchorAt, reanchorer } from '../server/features/comments/anchoring/reanchor';
import { renderDocument } from '../server/markdown/render';
import { redraftSeries } from '../tests/fixtures/redrafts/anchor-cases';
import { type AnchorOutcome, agoraAnchors, agoraMerges, gitMerges, type MergeOutcome, type Tally } from '../tests/fixtures/redrafts/evaluate';
import { mergeCases } from '../tests/fixtures/redrafts/merge-cases';
import type { Benchmark, Measurement } from './lib/benchmark';

/** Comments on the section re-anchored in one publish. */
const COMMENTS = 10_000;

function tallyMeasurements<Outcome extends MergeOutcome | AnchorOutcome>(prefix: string, tally: Tally<Outcome>, baselinePrefix?: string): Measurement[] {
  return [...tally].map(([category, counts]) => ({
    id: `${prefix}:${category}`,
    label: `${prefix}: ${category}`,
    figures: Object.entries(counts).map(([metric, value]) => ({ metric: metric as Outcome, value: value as number })),
    ...(baselinePrefix ? { baselineId: `${baselinePrefix}:${category}` } : {}),
  }));
}

/**
 * The time to re-anchor COMMENTS comments in one publish: a section of the corpus's first
 * document's last version, ten times over, with comments on every block; the next version is the
 * same section with its first copy replaced by the series' first version (a heavy redraft).
 */
function reanchorTiming(): Measurement {
  const [series] = redraftSeries();
  const versions = series!.versions;
  const last = versions.at(-1)!.markdown;
  const before = Array.from({ length: 10 }, () => last).join('\n');
  const after = [versions[0]!.markdown, ...Array.from({ length: 9 }, () => last)].join('\n');
  const oldBlocks = renderDocument(before).blocks;
  const newBlocks = renderDocument(after).blocks;
  const anchors: Anchor[] = Array.from({ length: COMMENTS }, (_, n) => {
    const block = oldBlocks[n % oldBlocks.length]!;
    const start = (n * 7) % Math.max(1, block.text.length - 20);
    const located = anchorAt(block, start, Math.min(block.text.length, start + 20));
    return { ...located, quote: located.exact };
  });
  const started = performance.now();
  const results = anchors.map(reanchorer(oldBlocks, newBlocks));
  const elapsed = performance.now() - started;
  const count = (state: string): number => results.filter((result) => result.state === state).length;
  return {
    id: 'reanchor-10k',
    label: `Re-anchor ${COMMENTS.toLocaleString('en')} comments on one publish`,
    figures: [{ metric: 'ms', value: Math.round(elapsed * 10) / 10 }],
    note: `${oldBlocks.length} blocks, the first eighth redrafted: ${count('anchored')} comments stay, ${count('moved')} move, ${count('orphaned')} are orphaned; the computation only (the publish then writes one UPDATE per changed comment in its transaction).`,
  };
}

export const textAlgorithms: Benchmark = {
  name: 'Merges and anchors on the redraft corpus',
  timeLimitSeconds: () => 120,
  async run() {
    const cases = mergeCases();
    return [
      ...tallyMeasurements('git merge-file', gitMerges(cases)),
      ...tallyMeasurements('Agora merge', agoraMerges(cases), 'git merge-file'),
      ...tallyMeasurements('Agora anchors', agoraAnchors(redraftSeries()).tally),
      reanchorTiming(),
    ];
  },
};
