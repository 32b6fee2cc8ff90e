import search from 'approx-string-match';
import { diffArrays, diffChars, type Change } from 'diff';
import type { Block } from '../../../markdown/render';

/** Where a comment points: a quote in one block, `start`/`end` being offsets of `exact` in its `text`. */
export interface Anchor {
  blockId: string;
  exact: string;
  prefix?: string;
  suffix?: string;
  start: number;
  end: number;
}

export type LocatedAnchor = Required<Anchor>;

/** 'anchored': same block, same offsets; 'moved': found elsewhere or reworded; 'orphaned': not found. */
export type ReanchorResult = (LocatedAnchor & { state: 'anchored' | 'moved' }) | { state: 'orphaned' };

/** How much block text before and after the quote an anchor keeps as context. */
export const CONTEXT_LENGTH = 32;
/** A fuzzy match may differ from the quote by at most this share of its length (edit distance). */
const MAX_ERROR_RATE = 0.25;
/**
 * Position mapping gives up on a run of changed blocks whose character diff needs more than this
 * many insertions + deletions (the fuzzy search still runs). A bound on work that, unlike a
 * timeout, keeps results deterministic: about 0.2 s for a 20 kB section rewritten from scratch.
 */
const MAX_EDIT_LENGTH = 1_000;
/**
 * Weights of the fuzzy candidate score. The position score falls to half 64 characters away from
 * where the diff expects the quote, and on with distance, so a lightly reworded quote in place beats
 * an exact look-alike in the next paragraph, yet the quote found whole with its context beats a weak
 * match that merely sits where the old text was.
 */
const WEIGHTS = { quote: 50, prefix: 20, suffix: 20, position: 20 };
const POSITION_SCALE = 64;

// Block text never holds a newline (render.ts collapses whitespace), so a range of the joined
// document that crosses one spans two blocks.
const SEPARATOR = '\n';
const SPACE = /\s/;
const WORD = /[\p{L}\p{N}]/u;

/** The blocks of a revision laid end to end, each followed by SEPARATOR; `starts` are their offsets. */
interface Doc {
  blocks: readonly Block[];
  units: string[];
  starts: number[];
  text: string;
}

type Edit = Pick<Change, 'value' | 'added' | 'removed'>;

interface Candidate {
  block: Block;
  start: number;
  end: number;
}

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
 * revisions at most once: `anchors.map(reanchorer(oldBlocks, newBlocks))`.
 */
export function reanchorer(
  oldBlocks: readonly Block[],
  newBlocks: readonly Block[],
): (anchor: Anchor) => ReanchorResult {
  const from = toDoc(oldBlocks);
  const to = toDoc(newBlocks);
  let edits: Edit[] | undefined;
  // Lazily: when every anchor takes the fast path, no diff is needed.
  const diff = (): Edit[] => (edits ??= documentEdits(from, to));
  return (anchor) => reanchorOne(anchor, from, to, diff);
}

function reanchorOne(anchor: Anchor, from: Doc, to: Doc, diff: () => Edit[]): ReanchorResult {
  // Unchanged blocks keep their id, so an anchor in one needs no work.
  const same = to.blocks.find((block) => block.id === anchor.blockId);
  if (same && same.text.slice(anchor.start, anchor.end) === anchor.exact) {
    return locate(anchor, { block: same, start: anchor.start, end: anchor.end });
  }
  const oldIndex = from.blocks.findIndex((block) => block.id === anchor.blockId);
  const edits = oldIndex < 0 ? undefined : diff();
  const oldStart = (from.starts[oldIndex] ?? 0) + anchor.start;
  const start = edits && mapOffset(edits, oldStart, 'start');
  const end = edits && mapOffset(edits, oldStart + anchor.end - anchor.start, 'end');
  const mapped = start === undefined || end === undefined ? undefined : candidateAt(to, start, end);
  if (mapped && mapped.block.text.slice(mapped.start, mapped.end) === anchor.exact) return locate(anchor, mapped);
  const found = fuzzyFind(anchor, to, start);
  return found ? locate(anchor, found) : { state: 'orphaned' };
}

function locate(anchor: Anchor, candidate: Candidate): ReanchorResult {
  const { block, start, end } = candidate;
  const unchanged = block.id === anchor.blockId && start === anchor.start && end === anchor.end;
  return { state: unchanged ? 'anchored' : 'moved', ...anchorAt(block, start, end) };
}

function toDoc(blocks: readonly Block[]): Doc {
  const units = blocks.map((block) => block.text + SEPARATOR);
  const starts: number[] = [];
  let offset = 0;
  for (const unit of units) {
    starts.push(offset);
    offset += unit.length;
  }
  return { blocks, units, starts, text: units.join('') };
}

/**
 * The character edits from one document to the other. Blocks are aligned first, so unchanged ones
 * pass whole and each run of changed blocks gets its own character diff and its own work bound;
 * a run over the bound counts as replaced outright.
 */
function documentEdits(from: Doc, to: Doc): Edit[] {
  const edits: Edit[] = [];
  let removed: string[] = [];
  const replace = (added: string[]): void => {
    const before = removed.join('');
    const after = added.join('');
    removed = [];
    if (before === '' && after === '') return;
    const changes = diffChars(before, after, { maxEditLength: MAX_EDIT_LENGTH }) ?? [
      { value: before, added: false, removed: true },
      { value: after, added: true, removed: false },
    ];
    edits.push(...changes);
  };
  for (const change of diffArrays(from.units, to.units)) {
    if (change.removed) removed = change.value;
    else if (change.added) replace(change.value);
    else {
      replace([]);
      edits.push({ value: change.value.join(''), added: false, removed: false });
    }
  }
  replace([]);
  return edits;
}

/**
 * Maps an offset of the old document to the new one. A start skips text inserted right at it and
 * an end stops before such text, so insertions just outside the quote never join it.
 */
function mapOffset(edits: readonly Edit[], offset: number, side: 'start' | 'end'): number {
  let oldPos = 0;
  let newPos = 0;
  for (const change of edits) {
    const length = change.value.length;
    if (change.added) {
      newPos += length;
      continue;
    }
    const inside = side === 'start' ? offset < oldPos + length : offset <= oldPos + length;
    if (inside) return change.removed ? newPos : newPos + offset - oldPos;
    oldPos += length;
    if (!change.removed) newPos += length;
  }
  return newPos;
}

/** The block-relative range for a document range, if it lies within one block. */
function candidateAt(doc: Doc, start: number, end: number): Candidate | undefined {
  const index = doc.starts.findLastIndex((blockStart) => blockStart <= start);
  const block = doc.blocks[index];
  const blockStart = doc.starts[index];
  if (!block || blockStart === undefined || end > blockStart + block.text.length) return undefined;
  return { block, start: start - blockStart, end: end - blockStart };
}

/**
 * Best approximate occurrence of the quote, searched block by block (a match must lie within one
 * block, and the search keeps only the fewest-error matches, so one global search could hide a
 * reworded occurrence behind an exact one elsewhere). Candidates are scored on the quote, its
 * context and closeness to where the diff expects it (`expected`, a new-document offset).
 */
function fuzzyFind(anchor: Anchor, to: Doc, expected: number | undefined): Candidate | undefined {
  const maxErrors = Math.floor(anchor.exact.length * MAX_ERROR_RATE);
  // A match in a block is one in the whole text, so one search there rules out most misses cheaply.
  if (search(to.text, anchor.exact, maxErrors).length === 0) return undefined;
  let best: (Candidate & { score: number }) | undefined;
  to.blocks.forEach((block, index) => {
    for (const match of search(block.text, anchor.exact, maxErrors)) {
      const candidate = tidied({ block, start: match.start, end: match.end }, anchor);
      const distance = expected === undefined ? 0 : Math.abs((to.starts[index] ?? 0) + candidate.start - expected);
      const position = 1 / (1 + distance / POSITION_SCALE);
      const score =
        WEIGHTS.quote * (1 - match.errors / anchor.exact.length) +
        WEIGHTS.prefix * similarity(anchor.prefix, block.text.slice(0, candidate.start), 'end') +
        WEIGHTS.suffix * similarity(anchor.suffix, block.text.slice(candidate.end), 'start') +
        WEIGHTS.position * position;
      if (!best || score > best.score) best = { ...candidate, score };
    }
  });
  return best;
}

/**
 * The fewest-error match may take in spaces at its edges or cut a reworded word ("ery" of "every"
 * for "the"). Where the quote had no space at an edge, drop it; where it began or ended on a word
 * boundary, widen the match to one too.
 */
function tidied(candidate: Candidate, anchor: Anchor): Candidate {
  const text = candidate.block.text;
  const { exact, prefix = '', suffix = '' } = anchor;
  let { start, end } = candidate;
  if (!SPACE.test(exact.at(0) ?? '')) while (start < end && SPACE.test(text[start] ?? '')) start++;
  if (!SPACE.test(exact.at(-1) ?? '')) while (end > start && SPACE.test(text[end - 1] ?? '')) end--;
  if (WORD.test(exact.at(0) ?? '') && !WORD.test(prefix.at(-1) ?? '')) {
    while (start > 0 && WORD.test(text[start - 1] ?? '')) start--;
  }
  if (WORD.test(exact.at(-1) ?? '') && !WORD.test(suffix.at(0) ?? '')) {
    while (end < text.length && WORD.test(text[end] ?? '')) end++;
  }
  return { ...candidate, start, end };
}

/**
 * How closely the text next to a candidate matches the stored context, from 0 to 1: the context is
 * compared with the same number of characters at the `edge` touching the candidate. Without a
 * stored context, every candidate scores the same.
 */
function similarity(context: string | undefined, text: string, edge: 'start' | 'end'): number {
  if (!context) return 1;
  const near = edge === 'end' ? text.slice(Math.max(0, text.length - context.length)) : text.slice(0, context.length);
  const [match] = search(near, context, context.length);
  return match ? 1 - match.errors / context.length : 0;
}
