import { describe, expect, it } from 'vitest';
import type { MergeChunk } from '../../server/contracts/revisions';
import { resolveConflicts, threeWayMerge } from '../../server/features/revisions/three-way-merge';

const base = [
  '## Recommendations',
  '',
  'Publish spending on information technology every quarter.',
  '',
  'Share services across departments where it saves money.',
  '',
  '- Use open standards for documents',
  '- Stop long outsourcing contracts',
  '- Review every contract over £10 million',
  '',
].join('\n');

describe('threeWayMerge (ours = current section text, theirs = the proposal)', () => {
  it('merges a long passage added at the end with an edit at the start (no search through thousands of blocks)', () => {
    const articles = Array.from({ length: 1_500 }, (_, n) => `Article ${n + 1}: the authority publishes decision ${n}.`).join('\n\n');
    const ours = base.replace('every quarter', 'every month');
    const theirs = `${base}\n${articles}\n`;
    expect(threeWayMerge(base, ours, theirs)).toEqual({ clean: true, text: `${ours}\n${articles}\n` });
    // The same at the start: the other side's edit is in the shared end.
    const before = `${articles}\n\n${base}`;
    expect(threeWayMerge(base, ours, before)).toEqual({ clean: true, text: `${articles}\n\n${ours}` });
  });

  it('merges edits to different paragraphs cleanly', () => {
    const ours = base.replace('every quarter', 'every month');
    const theirs = base.replace('where it saves money', 'wherever that saves public money');
    expect(threeWayMerge(base, ours, theirs)).toEqual({
      clean: true,
      text: [
        '## Recommendations',
        '',
        'Publish spending on information technology every month.',
        '',
        'Share services across departments wherever that saves public money.',
        '',
        '- Use open standards for documents',
        '- Stop long outsourcing contracts',
        '- Review every contract over £10 million',
        '',
      ].join('\n'),
    });
  });

  it('merges edits to list items that are not next to each other', () => {
    const ours = base.replace('open standards', 'open, royalty-free standards');
    const theirs = base.replace('£10 million', '£1 million');
    expect(threeWayMerge(base, ours, theirs)).toEqual({
      clean: true,
      text: base.replace('open standards', 'open, royalty-free standards').replace('£10 million', '£1 million'),
    });
  });

  it('merges edits to adjacent list items (diff3 and git conflict here)', () => {
    const ours = base.replace('Stop long', 'Stop very long');
    const theirs = base.replace('£10 million', '£1 million');
    expect(threeWayMerge(base, ours, theirs)).toEqual({ clean: true, text: ours.replace('£10 million', '£1 million') });
  });

  it('merges edits to different sentences of one paragraph', () => {
    const paragraph = 'Share services across departments where it saves money. Report the savings each year.';
    const twoSentences = base.replace('Share services across departments where it saves money.', paragraph);
    const ours = twoSentences.replace('where it saves money', 'wherever money is saved');
    const theirs = twoSentences.replace('each year', 'every six months');
    expect(threeWayMerge(twoSentences, ours, theirs)).toEqual({
      clean: true,
      text: twoSentences.replace('where it saves money', 'wherever money is saved').replace('each year', 'every six months'),
    });
  });

  it('merges a paragraph inserted right before a paragraph the other side edited, in that order', () => {
    const ours = base.replace('Share services', 'Buy cloud services before building.\n\nShare services');
    const theirs = base.replace('where it saves money', 'by default');
    expect(threeWayMerge(base, ours, theirs)).toEqual({
      clean: true,
      text: base.replace('Share services across departments where it saves money.', 'Buy cloud services before building.\n\nShare services across departments by default.'),
    });
  });

  it('merges a paragraph split in two with an edit of the next paragraph', () => {
    const twoSentences = base.replace('every quarter.', 'every quarter. Include the cost of each contract.');
    const ours = twoSentences.replace('every quarter. Include', 'every quarter.\n\nInclude');
    const theirs = twoSentences.replace('where it saves money', 'by default');
    expect(threeWayMerge(twoSentences, ours, theirs)).toEqual({ clean: true, text: ours.replace('where it saves money', 'by default') });
  });

  it('reports different edits to the same words as a conflict no larger than those words', () => {
    const ours = base.replace('every quarter', 'every month');
    const theirs = base.replace('every quarter', 'every quarter, in an open format');
    expect(threeWayMerge(base, ours, theirs)).toEqual({
      clean: false,
      chunks: [
        { kind: 'ok', text: '## Recommendations\n\nPublish spending on information technology every ' },
        { kind: 'conflict', base: 'quarter', ours: 'month', theirs: 'quarter, in an open format' },
        {
          kind: 'ok',
          text:
            '.\n\nShare services across departments where it saves money.\n\n' +
            '- Use open standards for documents\n- Stop long outsourcing contracts\n- Review every contract over £10 million\n',
        },
      ],
    });
  });

  it('keeps one side’s change to neighbouring words whole when the other side changed one of them', () => {
    // Ours changes "every quarter" word by word; theirs changes "quarter" only: taking theirs must
    // not leave ours's "every" → "each" behind ("each fortnight" is neither side's text).
    const ours = base.replace('every quarter', 'each month');
    const theirs = base.replace('every quarter', 'every fortnight');
    const merged = threeWayMerge(base, ours, theirs);
    expect(merged.clean).toBe(false);
    const chunks = merged.clean ? [] : merged.chunks;
    expect(chunks.filter((chunk) => chunk.kind === 'conflict')).toEqual([{ kind: 'conflict', base: 'every quarter', ours: 'each month', theirs: 'every fortnight' }]);
    expect(resolveConflicts(chunks, ['theirs'])).toBe(theirs);
    expect(resolveConflicts(chunks, ['ours'])).toBe(ours);
  });

  it('never lands a change between the halves of the other side’s change to neighbouring words', () => {
    const ours = base.replace('information technology every', 'digital services each');
    const theirs = base.replace('on information technology', 'on technology');
    const merged = threeWayMerge(base, ours, theirs);
    const chunks = merged.clean ? [] : merged.chunks;
    expect(chunks.filter((chunk) => chunk.kind === 'conflict')).toEqual([
      { kind: 'conflict', base: 'information technology every', ours: 'digital services each', theirs: 'technology every' },
    ]);
    expect(resolveConflicts(chunks, ['theirs'])).toBe(theirs);
  });

  it('reports a sentence one side rewrote and the other edited as one conflict, not a word mix', () => {
    const ours = base.replace('Publish spending on information technology every quarter.', 'Ministers must release all IT costs in a yearly report.');
    const theirs = base.replace('information technology', 'digital services');
    const merged = threeWayMerge(base, ours, theirs);
    expect(merged).toMatchObject({
      clean: false,
      chunks: [
        { kind: 'ok' },
        {
          kind: 'conflict',
          base: 'Publish spending on information technology every quarter.\n',
          ours: 'Ministers must release all IT costs in a yearly report.\n',
          theirs: 'Publish spending on digital services every quarter.\n',
        },
        { kind: 'ok' },
      ],
    });
  });

  it('merges the same edit made on both sides without a false conflict', () => {
    const edited = base.replace('every quarter', 'every month').replace('Stop long', 'Stop very long');
    expect(threeWayMerge(base, edited, edited)).toEqual({ clean: true, text: edited });
    // The proposal carries the same fix as the current text plus one more, elsewhere.
    const ours = base.replace('every quarter', 'every month');
    const theirs = ours.replace('£10 million', '£1 million');
    expect(threeWayMerge(base, ours, theirs)).toEqual({ clean: true, text: theirs });
  });

  it('reports a paragraph deleted on one side and edited on the other as a conflict', () => {
    const ours = base.replace('Share services across departments where it saves money.\n\n', '');
    const theirs = base.replace('where it saves money', 'by default');
    expect(threeWayMerge(base, ours, theirs)).toEqual({
      clean: false,
      chunks: [
        { kind: 'ok', text: '## Recommendations\n\nPublish spending on information technology every quarter.\n\n' },
        {
          kind: 'conflict',
          base: 'Share services across departments where it saves money.\n\n',
          ours: '',
          theirs: 'Share services across departments by default.\n\n',
        },
        {
          kind: 'ok',
          text: '- Use open standards for documents\n- Stop long outsourcing contracts\n- Review every contract over £10 million\n',
        },
      ],
    });
  });

  it('handles an empty base: different additions conflict, the same addition merges', () => {
    expect(threeWayMerge('', 'First draft.\n', 'Another draft.\n')).toEqual({
      clean: false,
      chunks: [{ kind: 'conflict', base: '', ours: 'First draft.\n', theirs: 'Another draft.\n' }],
    });
    expect(threeWayMerge('', 'First draft.\n', 'First draft.\n')).toEqual({ clean: true, text: 'First draft.\n' });
  });

  it('returns the other side when one side made no change', () => {
    const edited = base.replace('every quarter', 'every month');
    expect(threeWayMerge(base, base, edited)).toEqual({ clean: true, text: edited });
    expect(threeWayMerge(base, edited, base)).toEqual({ clean: true, text: edited });
    expect(threeWayMerge(base, base, base)).toEqual({ clean: true, text: base });
  });

  it('normalises Windows line endings and a missing final newline instead of conflicting on them', () => {
    const theirs = base.replace('every quarter', 'every month').replace(/\n/g, '\r\n').replace(/\r\n$/, '');
    expect(threeWayMerge(base, base.replace('Stop long', 'Stop very long'), theirs)).toEqual({
      clean: true,
      text: base.replace('every quarter', 'every month').replace('Stop long', 'Stop very long'),
    });
  });
});

describe('resolveConflicts', () => {
  const ours = base.replace('every quarter', 'every month').replace('£10 million', '£5 million');
  const theirs = base.replace('every quarter', 'every week').replace('£10 million', '£1 million');
  const merged = threeWayMerge(base, ours, theirs);
  const chunks: MergeChunk[] = merged.clean ? [] : merged.chunks;

  it('finds two conflicts to resolve', () => {
    expect(chunks.filter((chunk) => chunk.kind === 'conflict')).toHaveLength(2);
  });

  it('takes ours, theirs or custom text per conflict, in order', () => {
    expect(resolveConflicts(chunks, ['ours', 'theirs'])).toBe(
      base.replace('every quarter', 'every month').replace('£10 million', '£1 million'),
    );
    expect(resolveConflicts(chunks, ['theirs', 'ours'])).toBe(
      base.replace('every quarter', 'every week').replace('£10 million', '£5 million'),
    );
    // A conflict inside a line takes custom text as typed; one ending a line gets its newline back.
    expect(resolveConflicts(chunks, [{ custom: 'fortnight' }, 'ours'])).toBe(
      base.replace('every quarter', 'every fortnight').replace('£10 million', '£5 million'),
    );
    expect(resolveConflicts(chunks, ['ours', { custom: '' }])).toBe(base.replace('every quarter', 'every month').replace('£10 million', '£ million'));
    const lineChunks: MergeChunk[] = [{ kind: 'ok', text: 'Intro.\n' }, { kind: 'conflict', base: 'Old.\n', ours: 'Ours.\n', theirs: 'Theirs.\n' }];
    expect(resolveConflicts(lineChunks, [{ custom: 'Typed\r\nby hand.' }])).toBe('Intro.\nTyped\nby hand.\n');
  });

  it('rejects too few or too many choices', () => {
    expect(() => resolveConflicts(chunks, ['ours'])).toThrow(RangeError);
    expect(() => resolveConflicts(chunks, ['ours', 'ours', 'theirs'])).toThrow(RangeError);
  });
});
