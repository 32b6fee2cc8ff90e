import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { COMMENTS_PER_DOCUMENT, DOCUMENTS, REDRAFTS, redraftSeries } from '../fixtures/redrafts/anchor-cases';
import { agoraAnchors, agoraMerges, gitMerges } from '../fixtures/redrafts/evaluate';
import { MERGE_CATEGORIES, mergeCases } from '../fixtures/redrafts/merge-cases';

// The floors of issue 15, measured on the generated corpus (tests/fixtures/redrafts/): the truth
// of every case comes from the edits the generator made, never from the algorithms under test.

const digest = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('hex');

describe('the redraft corpus', () => {
  it('is the same on every run (seeded)', () => {
    expect(digest(mergeCases())).toBe(digest(mergeCases()));
    const markdowns = () => redraftSeries().map((series) => series.versions.map((version) => version.markdown));
    expect(digest(markdowns())).toBe(digest(markdowns()));
  });

  it('holds every merge category, true conflicts included', () => {
    const cases = mergeCases();
    expect(new Set(cases.map((c) => c.category))).toEqual(new Set(MERGE_CATEGORIES));
    expect(cases.filter((c) => c.expected === null).length).toBeGreaterThanOrEqual(50);
    // Every case really has two different edits.
    expect(cases.every((c) => c.ours !== c.base && c.theirs !== c.base && c.ours !== c.theirs)).toBe(true);
  });
});

describe('three-way merge on the corpus, beside git merge-file', () => {
  const cases = mergeCases();
  const ours = agoraMerges(cases).get('all')!;
  const git = gitMerges(cases).get('all')!;

  it('never merges wrongly', () => {
    expect(ours['wrong merge']).toBe(0);
  });

  it('has at most half the false conflicts of git merge-file', () => {
    expect(git['false conflict']).toBeGreaterThan(0);
    expect(ours['false conflict']).toBeLessThanOrEqual(git['false conflict'] / 2);
  });
});

describe(`re-anchoring ${DOCUMENTS * COMMENTS_PER_DOCUMENT} comments through ${REDRAFTS} redrafts`, () => {
  const run = agoraAnchors(redraftSeries());
  const all = run.tally.get('all')!;

  it('judges every comment after every redraft', () => {
    expect(all.correct + all['false orphan'] + all['mis-anchor']).toBe(DOCUMENTS * COMMENTS_PER_DOCUMENT * REDRAFTS);
  });

  it('never shows a comment against words it was not about', () => {
    expect(all['mis-anchor']).toBe(0);
    expect(run.tally.get('deleted, identical sentence elsewhere')!.correct).toBeGreaterThan(0);
    expect(run.tally.get('edited, identical sentence elsewhere')!.correct).toBeGreaterThan(0);
  });

  it('orphans at most 2% of the passages that survived', () => {
    expect(run.surviving).toBeGreaterThan(1000);
    expect(all['false orphan']).toBeLessThanOrEqual(run.surviving * 0.02);
  });
});
