import search from 'approx-string-match';
import type { Block } from '../../../markdown/render';
import { addedRanges, type Candidate, candidateAt, type Doc, documentEdits, type Edit, mapOffset, survival, toDoc } from './reanchor-diff';

/** Where a comment points: a quote in one block, `start`/`end` being offsets of `exact` in its `text`. */
export interface Anchor {
  blockId: string;
  exact: string;
  prefix?: string;
  suffix?: string;
  start: number;
  end: number;
  /** The words as the author quoted them; a look-alike is judged against these, never against a drifted `exact`. */
  quote?: string;
  /** An orphan's anchor points into the revision where its passage was last seen, not the old one. */
  orphaned?: boolean;
}

export type LocatedAnchor = Required<Omit<Anchor, 'quote' | 'orphaned'>>;

/** How a placement was found: the same words at the mapped place, the passage's own edited words, or a search. */
export type PlacementMethod = 'exact' | 'diff' | 'fuzzy';

/**
 * 'anchored': same block, same offsets; 'moved': found elsewhere or reworded; 'orphaned': gone.
 * `score` (0–1) says how sure the placement is: 1 for the same words, the share of the passage's
 * characters kept for 'diff', the weighted match for 'fuzzy'.
 */
export type ReanchorResult = (LocatedAnchor & { state: 'anchored' | 'moved'; method: PlacementMethod; score: number }) | { state: 'orphaned' };

/** How much block text before and after the quote an anchor keeps as context. */
export const CONTEXT_LENGTH = 32;
/** Hypothesis's weights for a fuzzy candidate: quote, prefix, suffix, position. */
const WEIGHTS = { quote: 50, prefix: 20, suffix: 20, position: 2 };
const TOTAL_WEIGHT = WEIGHTS.quote + WEIGHTS.prefix + WEIGHTS.suffix + WEIGHTS.position;
/** A search looks for the quote with at most this share of it wrong (so one word in a short quote may change)… */
const MAX_ERROR_RATE = 0.5;
/** …and accepts a look-alike only when quote and context together score at least this… */
const MIN_FUZZY_SCORE = 0.8;
/** …or, for an orphan, this: only its passage restored with its context (a revert) brings it back. */
const MIN_ORPHAN_SCORE = 0.95;
/** The diff's own place for the passage is taken when this share of its characters survived, or when its first and last words or the words around it did, and… */
const KEPT_SHARE = 0.6;
/** …at least this share. */
const KEPT_SHARE_IN_PLACE = 0.25;
/** Placements scoring below this are listed for an editor to check. */
export const REVIEW_BELOW = 0.8;

const SPACE = /\s/;
const WORD = /[\p{L}\p{N}]/u;

/** The anchor for `text.slice(start, end)` of a block, with its context. */
export function anchorAt(block: Block, start: number, end: number): LocatedAnchor {
  return {
    blockId: block.id,
    exact: block.text.slice(start, end),
    prefix: block.text.slice(Math.max(0, start - CONTEXT_LENGTH), start),
    suffix: block.text.slice(end, end + CONTEXT_LENGTH),
    start,
    end,
  };
}

/** Re-anchors one comment from the blocks of the revision it points into to those of the next. */
export function reanchor(anchor: Anchor, oldBlocks: readonly Block[], newBlocks: readonly Block[]): ReanchorResult {
  return reanchorer(oldBlocks, newBlocks)(anchor);
}

/**
 * A re-anchoring function for every comment of one section between two revisions, which diffs the
 * revisions at most once: `anchors.map(reanchorer(oldBlocks, newBlocks))`. An orphan is looked
 * for only in text the new revision adds, against the quote as posted.
 */
export function reanchorer(oldBlocks: readonly Block[], newBlocks: readonly Block[]): (anchor: Anchor) => ReanchorResult {
  const from = toDoc(oldBlocks);
  const to = toDoc(newBlocks);
  let edits: Edit[] | undefined;
  let added: [number, number][] | undefined;
  // Lazily: when every anchor takes the fast path, no diff is needed.
  const diff = (): Edit[] => (edits ??= documentEdits(from, to));
  const addedText = (): [number, number][] => (added ??= addedRanges(diff()));
  return (anchor) => (anchor.orphaned ? findRestored(anchor, from, to, addedText()) : reanchorOne(anchor, from, to, diff, addedText));
}

function reanchorOne(anchor: Anchor, from: Doc, to: Doc, diff: () => Edit[], addedText: () => [number, number][]): ReanchorResult {
  // Unchanged blocks keep their id, so an anchor in one needs no work.
  const same = to.blocks.find((block) => block.id === anchor.blockId);
  if (same && same.text.slice(anchor.start, anchor.end) === anchor.exact) {
    return placed(anchor, { block: same, start: anchor.start, end: anchor.end }, 'exact', 1);
  }
  const oldIndex = from.blocks.findIndex((block) => block.id === anchor.blockId);
  // A block the old revision lacks gives no position to map: search the whole text.
  if (oldIndex < 0) return findNew(anchor, to, [[0, to.text.length]], undefined);
  const edits = diff();
  const oldStart = from.starts[oldIndex]! + anchor.start;
  const oldEnd = oldStart + anchor.end - anchor.start;
  const start = mapOffset(edits, oldStart, 'start');
  const mapped = candidateAt(to, start, mapOffset(edits, oldEnd, 'end'));
  const inMapped = mapped && unchangedWithin(mapped, anchor.exact);
  if (inMapped) return placed(anchor, inMapped, 'exact', 1);
  const kept = survival(edits, from.text, oldStart, oldEnd);
  const ownWords = kept.share >= KEPT_SHARE || ((kept.edges || kept.frame) && kept.share >= KEPT_SHARE_IN_PLACE);
  if (mapped && mapped.end > mapped.start && ownWords && !stretched(mapped, oldEnd - oldStart)) return placed(anchor, mapped, 'diff', kept.share);
  // The passage's words left this place: it can only be in text this revision added (moved there).
  return findNew(anchor, to, addedText(), start);
}

/**
 * An orphan's passage was not in the old revision, so text moved here from it, context and all,
 * is another passage (a copy): only text the new revision restores can bring the orphan back.
 */
function findRestored(anchor: Anchor, from: Doc, to: Doc, added: readonly [number, number][]): ReanchorResult {
  const result = findNew(anchor, to, added, undefined, MIN_ORPHAN_SCORE);
  if (result.state === 'orphaned') return result;
  const block = to.blocks.find((candidate) => candidate.id === result.blockId)!;
  const withContext = block.text.slice(Math.max(0, result.start - CONTEXT_LENGTH), result.end + CONTEXT_LENGTH);
  return from.text.includes(withContext) ? { state: 'orphaned' } : result;
}

/**
 * The quote's unchanged words inside the mapped range. A diff may align text inserted next to the
 * quote with its edge ("The " kept, "tenancy … The " added before "water"), stretching the range
 * over the insertion; the words themselves still say where the passage is.
 */
function unchangedWithin(mapped: Candidate, exact: string): Candidate | undefined {
  const text = mapped.block.text.slice(mapped.start, mapped.end);
  const at = text.endsWith(exact) ? text.length - exact.length : text.indexOf(exact);
  return at < 0 ? undefined : { block: mapped.block, start: mapped.start + at, end: mapped.start + at + exact.length };
}

/** Whether a mapped range grew far beyond the passage (the diff matched its words across other text): not its own words then. */
function stretched(mapped: Candidate, oldLength: number): boolean {
  return mapped.end - mapped.start > oldLength * 1.5 + CONTEXT_LENGTH;
}

function placed(anchor: Anchor, candidate: Candidate, method: PlacementMethod, score: number): ReanchorResult {
  const { block, start, end } = candidate;
  const unchanged = block.id === anchor.blockId && start === anchor.start && end === anchor.end;
  return { state: unchanged ? 'anchored' : 'moved', ...anchorAt(block, start, end), method, score: Math.round(score * 1000) / 1000 };
}

/**
 * The best look-alike of the quote as posted within the document ranges `within` (text the new
 * revision added, so an untouched identical copy elsewhere — another passage — never wins),
 * scored like Hypothesis on quote, prefix, suffix and closeness to `expected`, or an orphan.
 */
function findNew(anchor: Anchor, to: Doc, within: readonly [number, number][], expected: number | undefined, minScore = MIN_FUZZY_SCORE): ReanchorResult {
  const quote = anchor.quote || anchor.exact;
  const maxErrors = Math.floor(quote.length * MAX_ERROR_RATE);
  let best: (Candidate & { score: number }) | undefined;
  for (const { index, windowStart, windowEnd } of searchWindows(to, within, quote.length)) {
    const block = to.blocks[index]!;
    const blockStart = to.starts[index]!;
    for (const match of search(block.text.slice(windowStart, windowEnd), quote, maxErrors)) {
      const candidate = tidied({ block, start: windowStart + match.start, end: windowStart + match.end }, anchor, quote);
      if (!mostlyInside(blockStart + candidate.start, blockStart + candidate.end, within)) continue;
      const distance = expected === undefined ? 0 : Math.abs(blockStart + candidate.start - expected);
      const score =
        (WEIGHTS.quote * (1 - match.errors / quote.length) +
          WEIGHTS.prefix * similarity(anchor.prefix, block.text.slice(0, candidate.start), 'end') +
          WEIGHTS.suffix * similarity(anchor.suffix, block.text.slice(candidate.end), 'start') +
          WEIGHTS.position * (1 - Math.min(1, distance / Math.max(1, to.text.length)))) /
        TOTAL_WEIGHT;
      if (!best || score > best.score) best = { ...candidate, score };
    }
  }
  return best && best.score >= minScore ? placed(anchor, best, 'fuzzy', best.score) : { state: 'orphaned' };
}

/** The parts of blocks to search: each range of `within`, widened by the quote's length, clipped to its block. */
function searchWindows(doc: Doc, within: readonly [number, number][], reach: number): { index: number; windowStart: number; windowEnd: number }[] {
  const windows: { index: number; windowStart: number; windowEnd: number }[] = [];
  doc.blocks.forEach((block, index) => {
    const blockStart = doc.starts[index]!;
    const blockEnd = blockStart + block.text.length;
    for (const [start, end] of within) {
      if (end <= blockStart || start >= blockEnd) continue;
      const windowStart = Math.max(0, start - reach - blockStart);
      const windowEnd = Math.min(block.text.length, end + reach - blockStart);
      const last = windows.at(-1);
      if (last?.index === index && windowStart <= last.windowEnd) last.windowEnd = Math.max(last.windowEnd, windowEnd);
      else windows.push({ index, windowStart, windowEnd });
    }
  });
  return windows;
}

/** Whether at least half of the document range [start, end) lies in `within`. */
function mostlyInside(start: number, end: number, within: readonly [number, number][]): boolean {
  const inside = within.reduce((sum, [from, to]) => sum + Math.max(0, Math.min(end, to) - Math.max(start, from)), 0);
  return inside * 2 >= end - start;
}

/**
 * The fewest-error match may take in spaces at its edges or cut a reworded word ("ery" of "every"
 * for "the"). Where the quote had no space at an edge, drop it; where it began or ended on a word
 * boundary, widen the match to one too.
 */
function tidied(candidate: Candidate, anchor: Anchor, quote: string): Candidate {
  const text = candidate.block.text;
  const { prefix = '', suffix = '' } = anchor;
  let { start, end } = candidate;
  if (!SPACE.test(quote.at(0) ?? '')) while (start < end && SPACE.test(text[start] ?? '')) start++;
  if (!SPACE.test(quote.at(-1) ?? '')) while (end > start && SPACE.test(text[end - 1] ?? '')) end--;
  if (WORD.test(quote.at(0) ?? '') && !WORD.test(prefix.at(-1) ?? '')) {
    while (start > 0 && WORD.test(text[start - 1] ?? '')) start--;
  }
  if (WORD.test(quote.at(-1) ?? '') && !WORD.test(suffix.at(0) ?? '')) {
    while (end < text.length && WORD.test(text[end] ?? '')) end++;
  }
  return { ...candidate, start, end };
}

/**
 * How closely the text next to a candidate matches the stored context, from 0 to 1: the context is
 * compared with the same number of characters at the `edge` touching the candidate. Without a
 * stored context (the quote began or ended its block), the candidate's edge should do the same.
 */
function similarity(context: string | undefined, text: string, edge: 'start' | 'end'): number {
  if (!context) return text.trim() === '' ? 1 : 0.5;
  // Context cut short by a block edge (a paragraph split there) says neither yes nor no about the rest.
  const length = Math.min(context.length, text.length);
  if (length === 0) return 0.5;
  const near = edge === 'end' ? text.slice(text.length - length) : text.slice(0, length);
  const compared = edge === 'end' ? context.slice(context.length - length) : context.slice(0, length);
  const [match] = search(near, compared, length);
  const known = match ? 1 - match.errors / length : 0;
  return (known * length + 0.5 * (context.length - length)) / context.length;
}

/** Suggestions to re-point a comment to differ from its quote in at most this share of it. */
const LOOK_ALIKE_ERROR_RATE = 0.25;

/** Up to `limit` passages of the blocks that look most like the quote (for an editor re-pointing a comment), best first. */
export function lookAlikes(quote: string, blocks: readonly Block[], limit: number): LocatedAnchor[] {
  const matches = blocks.flatMap((block) =>
    search(block.text, quote, Math.floor(quote.length * LOOK_ALIKE_ERROR_RATE)).map((match) => ({ ...tidied({ block, start: match.start, end: match.end }, { blockId: block.id, exact: quote, start: 0, end: 0 }, quote), errors: match.errors })),
  );
  matches.sort((a, b) => a.errors - b.errors);
  const distinct: LocatedAnchor[] = [];
  for (const match of matches) {
    const overlaps = distinct.some((d) => d.blockId === match.block.id && match.start < d.end && d.start < match.end);
    if (!overlaps) distinct.push(anchorAt(match.block, match.start, match.end));
    if (distinct.length === limit) break;
  }
  return distinct;
}
