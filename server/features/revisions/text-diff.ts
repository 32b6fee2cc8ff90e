import { diffArrays, diffWordsWithSpace } from 'diff';

/** A run of text that both versions share, or that only the new ('added') or old ('removed') one has. */
export interface DiffSegment {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

/** One row of a side-by-side view: the old line on the left, its counterpart on the right (either may be empty). */
export interface DiffRow {
  left: DiffSegment[];
  right: DiffSegment[];
}

export interface DiffStats {
  wordsAdded: number;
  wordsRemoved: number;
}

/**
 * Word-level diff. Whitespace runs are tokens too, so joining the 'same' + 'removed' segments
 * gives `before` back exactly, and 'same' + 'added' gives `after`.
 */
export function wordDiff(before: string, after: string): DiffSegment[] {
  return diffWordsWithSpace(before, after).map((change) => ({
    kind: change.added ? 'added' : change.removed ? 'removed' : 'same',
    text: change.value,
  }));
}

/**
 * Aligns the two texts line by line (a Markdown paragraph, heading or list item is a line) and
 * word-diffs each changed pair. Blank lines only separate blocks, so they get no row.
 */
export function sideBySide(before: string, after: string): DiffRow[] {
  const rows: DiffRow[] = [];
  let removed: string[] = [];
  for (const change of diffArrays(contentLines(before), contentLines(after))) {
    if (change.removed) {
      removed = change.value;
    } else if (change.added) {
      rows.push(...pairLines(removed, change.value));
      removed = [];
    } else {
      rows.push(...pairLines(removed, []));
      removed = [];
      for (const line of change.value) rows.push({ left: [same(line)], right: [same(line)] });
    }
  }
  rows.push(...pairLines(removed, []));
  return rows;
}

/** Everything a diff view shows: the inline word diff, the side-by-side rows and the word counts. */
export function textDiff(before: string, after: string): { inline: DiffSegment[]; sideBySide: DiffRow[]; stats: DiffStats } {
  const inline = wordDiff(before, after);
  return { inline, sideBySide: sideBySide(before, after), stats: diffStats(inline) };
}

/** Counts whole words (letters and digits, with inner apostrophes or hyphens) in changed segments. */
export function diffStats(segments: readonly DiffSegment[]): DiffStats {
  const count = (kind: DiffSegment['kind']): number =>
    segments.filter((segment) => segment.kind === kind).reduce((sum, segment) => sum + countWords(segment.text), 0);
  return { wordsAdded: count('added'), wordsRemoved: count('removed') };
}

function contentLines(text: string): string[] {
  return text.split(/\r?\n/).filter((line) => line.trim() !== '');
}

// A replaced run of lines is paired up in order; lines without a counterpart stand alone.
function pairLines(left: readonly string[], right: readonly string[]): DiffRow[] {
  return Array.from({ length: Math.max(left.length, right.length) }, (_, i) => {
    const before = left[i];
    const after = right[i];
    if (before === undefined) return { left: [], right: [{ kind: 'added', text: after ?? '' }] };
    if (after === undefined) return { left: [{ kind: 'removed', text: before }], right: [] };
    const segments = wordDiff(before, after);
    return { left: coalesce(segments, 'added'), right: coalesce(segments, 'removed') };
  });
}

/** The segments without those of kind `drop`, joining the runs that dropping them made adjacent. */
function coalesce(segments: readonly DiffSegment[], drop: DiffSegment['kind']): DiffSegment[] {
  const kept: DiffSegment[] = [];
  for (const segment of segments) {
    const last = kept.at(-1);
    if (segment.kind === drop) continue;
    if (last?.kind === segment.kind) last.text += segment.text;
    else kept.push({ ...segment });
  }
  return kept;
}

function same(text: string): DiffSegment {
  return { kind: 'same', text };
}

function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu)?.length ?? 0;
}
