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

  it('reports edits to adjacent list items as one conflict, as diff3 and git do', () => {
    const ours = base.replace('Stop long', 'Stop very long');
    const theirs = base.replace('£10 million', '£1 million');
    expect(threeWayMerge(base, ours, theirs)).toEqual({
      clean: false,
      chunks: [
        {
          kind: 'ok',
          text:
            '## Recommendations\n\nPublish spending on information technology every quarter.\n\n' +
            'Share services across departments where it saves money.\n\n- Use open standards for documents\n',
        },
        {
          kind: 'conflict',
          base: '- Stop long outsourcing contracts\n- Review every contract over £10 million\n',
          ours: '- Stop very long outsourcing contracts\n- Review every contract over £10 million\n',
          theirs: '- Stop long outsourcing contracts\n- Review every contract over £1 million\n',
        },
      ],
    });
  });

  it('reports different edits to the same paragraph as a conflict', () => {
    const ours = base.replace('every quarter', 'every month');
    const theirs = base.replace('every quarter', 'every quarter, in an open format');
    expect(threeWayMerge(base, ours, theirs)).toEqual({
      clean: false,
      chunks: [
        { kind: 'ok', text: '## Recommendations\n\n' },
        {
          kind: 'conflict',
          base: 'Publish spending on information technology every quarter.\n',
          ours: 'Publish spending on information technology every month.\n',
          theirs: 'Publish spending on information technology every quarter, in an open format.\n',
        },
        {
          kind: 'ok',
          text:
            '\nShare services across departments where it saves money.\n\n' +
            '- Use open standards for documents\n- Stop long outsourcing contracts\n- Review every contract over £10 million\n',
        },
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
    // Custom text gets its final newline back, so it cannot run into the next line.
    expect(resolveConflicts(chunks, [{ custom: 'Publish spending every fortnight.' }, 'ours'])).toBe(
      base
        .replace('Publish spending on information technology every quarter.', 'Publish spending every fortnight.')
        .replace('£10 million', '£5 million'),
    );
    expect(resolveConflicts(chunks, ['ours', { custom: '' }])).toBe(
      base.replace('every quarter', 'every month').replace('- Review every contract over £10 million\n', ''),
    );
  });

  it('rejects too few or too many choices', () => {
    expect(() => resolveConflicts(chunks, ['ours'])).toThrow(RangeError);
    expect(() => resolveConflicts(chunks, ['ours', 'ours', 'theirs'])).toThrow(RangeError);
  });
});
