import { describe, expect, it } from 'vitest';
import { renderDocument, type Block } from '../../server/markdown/render';
import { anchorAt, reanchor, reanchorer, type Anchor } from '../../server/features/comments/anchoring/reanchor';

const section = [
  '## Key principles',
  '',
  'Government should buy small, open and reusable systems rather than large bespoke ones.',
  '',
  'Every department must publish its spending on information technology every quarter, in an open format.',
  '',
  '- Share services across departments',
  '- Use open standards for documents',
  '- Stop long outsourcing contracts',
  '',
].join('\n');

const blocksOf = (markdown: string): Block[] => renderDocument(markdown).blocks;

/** An anchor on the `occurrence`-th (from 0) appearance of `quote` in block `index`, as a client would send it. */
function anchorOn(blocks: Block[], index: number, quote: string, occurrence = 0): Anchor {
  const block = blocks[index]!;
  let start = -1;
  for (let i = 0; i <= occurrence; i++) start = block.text.indexOf(quote, start + 1);
  expect(start).toBeGreaterThanOrEqual(0);
  return anchorAt(block, start, start + quote.length);
}

describe('reanchor', () => {
  const old = blocksOf(section);
  const spending = anchorOn(old, 2, 'publish its spending');

  it('builds anchors with up to 32 characters of context', () => {
    expect(spending).toEqual({
      blockId: old[2]!.id,
      exact: 'publish its spending',
      prefix: 'Every department must ',
      suffix: ' on information technology every',
      start: 22,
      end: 42,
    });
  });

  it('keeps the anchor when a paragraph is inserted above (unchanged blocks keep their id)', () => {
    const next = blocksOf(section.replace('## Key principles\n', '## Key principles\n\nA new opening paragraph.\n'));
    expect(next[3]!.id).toBe(spending.blockId);
    expect(reanchor(spending, old, next)).toEqual({ state: 'anchored', method: 'exact', score: 1, ...spending });
  });

  it('follows the quote through a rewording elsewhere in its paragraph', () => {
    const next = blocksOf(section.replace('Every department must', 'From 2010, every department of government must'));
    expect(reanchor(spending, old, next)).toEqual({
      state: 'moved',
      method: 'exact',
      score: 1,
      blockId: next[2]!.id,
      exact: 'publish its spending',
      prefix: 'y department of government must ',
      suffix: ' on information technology every',
      start: 47,
      end: 67,
    });
    expect(next[2]!.id).not.toBe(spending.blockId);
  });

  it('follows a lightly reworded quote and takes its new wording', () => {
    const quote = anchorOn(old, 2, 'publish its spending on information technology');
    const next = blocksOf(section.replace('spending on information technology', 'spending on digital technology'));
    expect(reanchor(quote, old, next)).toEqual({
      state: 'moved',
      method: 'diff',
      score: 0.732,
      blockId: next[2]!.id,
      exact: 'publish its spending on digital technology',
      prefix: 'Every department must ',
      suffix: ' every quarter, in an open forma',
      start: 22,
      end: 64,
    });
  });

  it('widens a fuzzy match to whole words when the quote was whole words', () => {
    const quote = anchorOn(old, 1, 'buy small, open and reusable systems');
    const next = blocksOf(section.replace('buy small, open and reusable', 'procure small, open, reusable'));
    // The closest match alone would be 'cure small, open, reusable systems'.
    expect(reanchor(quote, old, next)).toEqual({
      state: 'moved',
      method: 'diff',
      score: 0.806,
      blockId: next[1]!.id,
      exact: 'procure small, open, reusable systems',
      prefix: 'Government should ',
      suffix: ' rather than large bespoke ones.',
      start: 18,
      end: 55,
    });
  });

  it('orphans the comment when its passage is deleted', () => {
    const next = blocksOf(section.replace(/Every department must[^\n]*\n\n/, ''));
    expect(reanchor(spending, old, next)).toEqual({ state: 'orphaned' });
  });

  it('orphans the comment when its passage is rewritten beyond recognition', () => {
    const next = blocksOf(section.replace('publish its spending on information technology', 'report IT costs'));
    expect(reanchor(anchorOn(old, 2, 'publish its spending on information'), old, next)).toEqual({ state: 'orphaned' });
  });

  it('finds the quote by search alone when its block is not in the old revision', () => {
    const stale = { ...spending, blockId: 'p-00000000' };
    const next = blocksOf(section.replace('Every department must', 'Each department must'));
    expect(reanchor(stale, old, next)).toMatchObject({ state: 'moved', blockId: next[2]!.id, start: 21, end: 41 });
  });

  it('stays on the same list item when the list is reordered', () => {
    const standards = anchorOn(old, 4, 'open standards');
    const next = blocksOf(
      section.replace(
        '- Share services across departments\n- Use open standards for documents\n',
        '- Use open standards for documents\n- Share services across departments\n',
      ),
    );
    expect(next.findIndex((block) => block.id === standards.blockId)).toBe(3);
    expect(reanchor(standards, old, next)).toEqual({ state: 'anchored', method: 'exact', score: 1, ...standards });
  });

  it('re-anchors every comment of a section with one diff', () => {
    const next = blocksOf(section.replace('Every department must', 'Each department must'));
    const anchors = [spending, anchorOn(old, 0, 'principles'), anchorOn(old, 2, 'department')];
    expect(anchors.map(reanchorer(old, next)).map((result) => [result.state, 'start' in result && result.start])).toEqual([
      ['moved', 21],
      ['anchored', 4],
      ['moved', 5],
    ]);
  });
});

describe('reanchor with a quote that appears more than once', () => {
  const twice = [
    'Departments should reuse open source software where it meets the need.',
    '',
    'Suppliers should reuse open source software where possible, and publish their changes.',
    '',
    'Open data first: publish open data, then more open data.',
    '',
  ].join('\n');
  const old = blocksOf(twice);

  it('keeps the occurrence it pointed at when text is inserted before it', () => {
    const second = anchorOn(old, 2, 'open data', 1);
    expect(second.start).toBe(46);
    const next = blocksOf(twice.replace('Open data first: ', 'Open data first, always: '));
    expect(reanchor(second, old, next)).toEqual({
      state: 'moved',
      method: 'exact',
      score: 1,
      blockId: next[2]!.id,
      exact: 'open data',
      prefix: 's: publish open data, then more ',
      suffix: '.',
      start: 54,
      end: 63,
    });
  });

  it('picks the reworded occurrence nearest the original position', () => {
    const second = anchorOn(old, 2, 'open data', 1);
    const next = blocksOf(twice.replaceAll('open data', 'open-data'));
    expect(reanchor(second, old, next)).toEqual({
      state: 'moved',
      method: 'diff',
      score: 1,
      blockId: next[2]!.id,
      exact: 'open-data',
      prefix: 't: publish open-data, then more ',
      suffix: '.',
      start: 46,
      end: 55,
    });
  });

  it('picks the reworded occurrence whose context matches, in another paragraph', () => {
    const suppliers = anchorOn(old, 1, 'reuse open source software');
    const next = blocksOf(twice.replaceAll('reuse open source software', 'reuse open-source software'));
    expect(reanchor(suppliers, old, next)).toEqual({
      state: 'moved',
      method: 'diff',
      score: 1,
      blockId: next[1]!.id,
      exact: 'reuse open-source software',
      prefix: 'Suppliers should ',
      suffix: ' where possible, and publish the',
      start: 17,
      end: 43,
    });
  });

  it('prefers the quote reworded in place to an exact look-alike in the next paragraph', () => {
    const alike = [
      'Recommendation 1: the department will publish its plans, budgets and results in open formats.',
      '',
      'Recommendation 2: the department will publish its plans, budgets and results in open formats.',
      '',
    ].join('\n');
    const before = blocksOf(alike);
    const first = anchorOn(before, 0, 'the department will publish');
    const next = blocksOf(alike.replace('1: the department', '1: every department'));
    expect(reanchor(first, before, next)).toEqual({
      state: 'moved',
      method: 'diff',
      score: 0.875,
      blockId: next[0]!.id,
      exact: 'every department will publish',
      prefix: 'Recommendation 1: ',
      suffix: ' its plans, budgets and results ',
      start: 18,
      end: 47,
    });
  });
});
