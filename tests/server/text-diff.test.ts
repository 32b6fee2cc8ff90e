import { describe, expect, it } from 'vitest';
import { diffStats, sideBySide, wordDiff } from '../../server/features/revisions/text-diff';

describe('wordDiff', () => {
  it('marks words added, removed and kept', () => {
    expect(wordDiff('Publish spending every quarter.', 'Publish all spending every month.')).toEqual([
      { kind: 'same', text: 'Publish ' },
      { kind: 'added', text: 'all ' },
      { kind: 'same', text: 'spending every ' },
      { kind: 'removed', text: 'quarter' },
      { kind: 'added', text: 'month' },
      { kind: 'same', text: '.' },
    ]);
  });

  it('gives both texts back exactly, whitespace included', () => {
    const before = 'Share  services\nacross departments.';
    const after = 'Share services across all departments!';
    const segments = wordDiff(before, after);
    const join = (skip: string) => segments.filter((s) => s.kind !== skip).map((s) => s.text).join('');
    expect(join('added')).toBe(before);
    expect(join('removed')).toBe(after);
  });

  it('returns one unchanged segment for equal texts', () => {
    expect(wordDiff('No change.', 'No change.')).toEqual([{ kind: 'same', text: 'No change.' }]);
  });
});

describe('diffStats', () => {
  it('counts whole words added and removed', () => {
    expect(diffStats(wordDiff('Publish spending every quarter.', 'Publish all spending every month.'))).toEqual({
      wordsAdded: 2,
      wordsRemoved: 1,
    });
    expect(diffStats(wordDiff('Use open standards.', "Use well-known, open standards; don't lock in."))).toEqual({
      wordsAdded: 4,
      wordsRemoved: 0,
    });
  });
});

describe('sideBySide', () => {
  it('pairs changed paragraphs, keeps unchanged ones and leaves gaps for added or removed ones', () => {
    const before = '## Spending\n\nPublish spending every quarter.\n\nStop long contracts.\n';
    const after = '## Spending\n\nPublish all spending every month.\n\nStop long contracts now.\n\n- Review them yearly\n';
    expect(sideBySide(before, after)).toEqual([
      { left: [{ kind: 'same', text: '## Spending' }], right: [{ kind: 'same', text: '## Spending' }] },
      {
        left: [
          { kind: 'same', text: 'Publish spending every ' },
          { kind: 'removed', text: 'quarter' },
          { kind: 'same', text: '.' },
        ],
        right: [
          { kind: 'same', text: 'Publish ' },
          { kind: 'added', text: 'all ' },
          { kind: 'same', text: 'spending every ' },
          { kind: 'added', text: 'month' },
          { kind: 'same', text: '.' },
        ],
      },
      {
        left: [{ kind: 'same', text: 'Stop long contracts.' }],
        right: [
          { kind: 'same', text: 'Stop long contracts' },
          { kind: 'added', text: ' now' },
          { kind: 'same', text: '.' },
        ],
      },
      { left: [], right: [{ kind: 'added', text: '- Review them yearly' }] },
    ]);
  });

  it('shows a removed paragraph on the left only', () => {
    expect(sideBySide('Keep this.\n\nDrop this.\n', 'Keep this.\n')).toEqual([
      { left: [{ kind: 'same', text: 'Keep this.' }], right: [{ kind: 'same', text: 'Keep this.' }] },
      { left: [{ kind: 'removed', text: 'Drop this.' }], right: [] },
    ]);
  });
});
