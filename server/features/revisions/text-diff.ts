import { diffArrays, diffWordsWithSpace } from 'diff';
import { contentKey } from '../../platform/content-key';
import { LruCache } from '../../platform/lru-cache';

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
 * How finely the texts were compared: word by word, line by line (a word diff would have cost
 * too much), or as a whole (even a line diff would have: one removed text, one added).
 */
export type DiffGranularity = 'word' | 'line' | 'text';

export interface TextDiffResult {
  inline: DiffSegment[];
  sideBySide: DiffRow[];
  stats: DiffStats;
  granularity: DiffGranularity;
}

/**
 * Myers' diff costs about (tokens of both texts) × (edits found): quadratic for two long unrelated
 * texts (100 KB took 19 s). Each diff gets at most this many token-steps (~10 ms here) and the
 * whole comparison a wall-clock budget; past either it falls back to a coarser granularity.
 */
const STEPS_PER_DIFF = 2_000_000;
/** Changed stretches longer than this (both sides, in characters) are not even tokenised into words. */
const MAX_WORD_DIFF_CHARS = 40_000;
/** Splits after each line break, so every line keeps its own. */
const LINE_END = /(?<=\n)/;
const BUDGET_MS = 25;
const UNCLOCKED_SIZE = 20_000;
const CACHE_SIZE = 64;

/** When the comparison must give up; shared by every diff one `textDiff` call runs. */
class Budget {
  /**
   * Texts this short are bounded by the edit limit alone (a few ms at worst), so the same pair
   * always gets the same diff however busy the machine is; only long ones run against the clock.
   */
  private readonly deadline: number;
  exceeded = false;

  constructor(size: number) {
    this.deadline = size > UNCLOCKED_SIZE ? Date.now() + BUDGET_MS : Infinity;
  }

  /** Past the deadline nothing more is attempted: each further diff would cost at least its setup. */
  get spent(): boolean {
    return Date.now() >= this.deadline;
  }

  /**
   * jsdiff options bounding one diff of `before` tokens against `after` tokens. Any diff needs at
   * least their difference in edits; a long text added to a short one costs little more.
   */
  limits(before: number, after: number): { maxEditLength: number; timeout: number } {
    const affordable = Math.floor(STEPS_PER_DIFF / Math.max(1, before + after));
    return { maxEditLength: Math.max(10, affordable, Math.abs(before - after) + 100), timeout: Math.max(1, this.deadline - Date.now()) };
  }
}

/**
 * Word-level diff. Whitespace runs are tokens too, so joining the 'same' + 'removed' segments
 * gives `before` back exactly, and 'same' + 'added' gives `after`. Texts too different to compare
 * word by word within the budget come back as one removed and one added segment.
 */
export function wordDiff(before: string, after: string): DiffSegment[] {
  return boundedWordDiff(before, after, new Budget(before.length + after.length)) ?? wholeText(before, after);
}

function boundedWordDiff(before: string, after: string, budget: Budget): DiffSegment[] | undefined {
  // What both texts share at the start and end (cut at whitespace, so no word is split) is not
  // tokenised at all: a small edit to a long section costs little.
  const head = sharedHead(before, after);
  const tail = sharedTail(before, after, head);
  const oldMiddle = before.slice(head, before.length - tail);
  const newMiddle = after.slice(head, after.length - tail);
  const size = oldMiddle.length + newMiddle.length;
  // A word and the space after it are about 6 characters: a cheap estimate of the token count.
  const changes = size > MAX_WORD_DIFF_CHARS || budget.spent ? undefined : diffWordsWithSpace(oldMiddle, newMiddle, budget.limits(oldMiddle.length / 3, newMiddle.length / 3));
  if (!changes) {
    budget.exceeded = true;
    return undefined;
  }
  return joinSame([same(before.slice(0, head)), ...changes.map(toSegment), same(before.slice(before.length - tail))]);
}

/** Length of the start both share, ending just after a whitespace character (or the whole text). */
function sharedHead(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  if (n === a.length && n === b.length) return n;
  while (n > 0 && !/\s/.test(a[n - 1]!)) n--;
  return n;
}

/**
 * Length of the end both share (not overlapping `head`), starting just after a whitespace
 * character, so each middle ends as the whole text would at that point and whitespace pairs
 * with the same words as in an untrimmed diff.
 */
function sharedTail(a: string, b: string, head: number): number {
  let n = 0;
  while (n < a.length - head && n < b.length - head && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  while (n > 0 && !/\s/.test(a[a.length - n - 1] ?? '')) n--;
  return n;
}

/** Drops empty segments and joins neighbours of the same kind. */
function joinSame(segments: readonly DiffSegment[]): DiffSegment[] {
  const joined: DiffSegment[] = [];
  for (const segment of segments) {
    const last = joined.at(-1);
    if (segment.text === '') continue;
    if (last?.kind === segment.kind) last.text += segment.text;
    else joined.push({ ...segment });
  }
  return joined;
}

/** Line-level diff (each line keeps its line break), within the same budget. */
function lineDiff(before: string, after: string, budget: Budget): DiffSegment[] | undefined {
  const oldLines = before.split(LINE_END);
  const newLines = after.split(LINE_END);
  const changes = budget.spent ? undefined : diffArrays(oldLines, newLines, budget.limits(oldLines.length, newLines.length));
  return changes && joinSame(changes.map((change) => toSegment({ ...change, value: change.value.join('') })));
}

function toSegment(change: { added: boolean; removed: boolean; value: string }): DiffSegment {
  return { kind: change.added ? 'added' : change.removed ? 'removed' : 'same', text: change.value };
}

/**
 * Aligns the two texts line by line (a Markdown paragraph, heading or list item is a line) and
 * word-diffs each changed pair. Blank lines only separate blocks, so they get no row.
 */
export function sideBySide(before: string, after: string, budget: Budget = new Budget(before.length + after.length)): DiffRow[] {
  const oldLines = contentLines(before);
  const newLines = contentLines(after);
  const changes = diffArrays(oldLines, newLines, budget.limits(oldLines.length, newLines.length));
  if (!changes) {
    // Too many lines to align: the two texts side by side, whole (thousands of unaligned rows
    // would cost as much to build and send as they tell).
    budget.exceeded = true;
    return [{ left: wholeText(before, ''), right: wholeText('', after) }];
  }
  const rows: DiffRow[] = [];
  let removed: string[] = [];
  for (const change of changes) {
    if (change.removed) {
      removed = change.value;
    } else if (change.added) {
      rows.push(...pairLines(removed, change.value, budget));
      removed = [];
    } else {
      rows.push(...pairLines(removed, [], budget));
      removed = [];
      for (const line of change.value) rows.push({ left: [same(line)], right: [same(line)] });
    }
  }
  rows.push(...pairLines(removed, [], budget));
  return rows;
}

const recentDiffs = new LruCache<string, TextDiffResult>(CACHE_SIZE);

/**
 * Everything a diff view shows: the inline diff, the side-by-side rows, the word counts and how
 * finely it could compare. Never holds the event loop much past its budget, whatever the input;
 * recent results are kept, so the same pair (a proposal viewed again) costs a hash.
 */
export function textDiff(before: string, after: string): TextDiffResult {
  return recentDiffs.getOrCreate(contentKey(before, after), () => computeTextDiff(before, after));
}

function computeTextDiff(before: string, after: string): TextDiffResult {
  const budget = new Budget(before.length + after.length);
  const words = boundedWordDiff(before, after, budget);
  const lines = words ? undefined : lineDiff(before, after, budget);
  const inline = words ?? lines ?? wholeText(before, after);
  const rows = sideBySide(before, after, budget);
  const granularity: DiffGranularity = words ? (budget.exceeded ? 'line' : 'word') : lines ? 'line' : 'text';
  return { inline, sideBySide: rows, stats: diffStats(inline), granularity };
}

function wholeText(before: string, after: string): DiffSegment[] {
  return [
    { kind: 'removed' as const, text: before },
    { kind: 'added' as const, text: after },
  ].filter((segment) => segment.text !== '');
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

// A replaced run of lines is paired up in order; lines without a counterpart stand alone. A pair
// the budget cannot word-diff shows as one removed line beside one added line.
function pairLines(left: readonly string[], right: readonly string[], budget: Budget): DiffRow[] {
  return Array.from({ length: Math.max(left.length, right.length) }, (_, i) => {
    const before = left[i];
    const after = right[i];
    if (before === undefined) return { left: [], right: [{ kind: 'added', text: after ?? '' }] };
    if (after === undefined) return { left: [{ kind: 'removed', text: before }], right: [] };
    const segments = before === after ? [same(before)] : boundedWordDiff(before, after, budget);
    if (!segments) return { left: [{ kind: 'removed', text: before }], right: [{ kind: 'added', text: after }] };
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
