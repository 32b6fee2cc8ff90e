import { diffArrays, diffWordsWithSpace, type Change } from 'diff';
import type { Block } from '../../../markdown/render';

// Where the text of one revision went in the next: the word diff between the two, read as a
// mapping of offsets and as the record of which characters survived and which are new.

// Block text never holds a newline (render.ts collapses whitespace), so a range of the joined
// document that crosses one spans two blocks.
const SEPARATOR = '\n';
const WORD = /[\p{L}\p{N}]/u;
/**
 * Position mapping gives up on a run of changed blocks whose word diff needs more than this many
 * insertions + deletions (the passage is then looked for in the new text only). A bound on work
 * that, unlike a timeout, keeps results deterministic.
 */
const MAX_EDIT_LENGTH = 1_000;

/** The blocks of a revision laid end to end, each followed by SEPARATOR; `starts` are their offsets. */
export interface Doc {
  blocks: readonly Block[];
  units: string[];
  starts: number[];
  text: string;
}

export type Edit = Pick<Change, 'value' | 'added' | 'removed'>;

export interface Candidate {
  block: Block;
  start: number;
  end: number;
}

/**
 * How much of an old passage is still there: the share of its non-space characters kept, whether
 * its first and last words are, and whether the words just outside it are (it was edited in place).
 */
export interface Survival {
  share: number;
  edges: boolean;
  frame: boolean;
}

export function toDoc(blocks: readonly Block[]): Doc {
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
 * The word edits from one document to the other. Blocks are aligned first, so unchanged ones pass
 * whole and each run of changed blocks gets its own word diff and work bound; a run over the bound
 * counts as replaced outright. Words, not characters: two unrelated sentences share many letters
 * but few words, so a rewritten passage is not mistaken for an edited one.
 */
export function documentEdits(from: Doc, to: Doc): Edit[] {
  const edits: Edit[] = [];
  let removed: string[] = [];
  const replace = (added: string[]): void => {
    const before = removed.join('');
    const after = added.join('');
    removed = [];
    if (before === '' && after === '') return;
    const changes = diffWordsWithSpace(before, after, { maxEditLength: MAX_EDIT_LENGTH }) ?? [
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
 * an end stops before such text, so insertions just outside the quote never join it; an offset in
 * replaced text maps to the edge of its replacement (the start to its start, the end to its end).
 */
export function mapOffset(edits: readonly Edit[], offset: number, side: 'start' | 'end'): number {
  let oldPos = 0;
  let newPos = 0;
  for (const [index, change] of edits.entries()) {
    const length = change.value.length;
    if (change.added) {
      newPos += length;
      continue;
    }
    const inside = side === 'start' ? offset < oldPos + length : offset <= oldPos + length;
    if (inside && change.removed) {
      const replacement = edits[index + 1];
      return side === 'end' && replacement?.added ? newPos + replacement.value.length : newPos;
    }
    if (inside) return newPos + offset - oldPos;
    oldPos += length;
    if (!change.removed) newPos += length;
  }
  return newPos;
}

/** How much of the old range [start, end) the edits kept. */
export function survival(edits: readonly Edit[], oldText: string, start: number, end: number): Survival {
  const quote = oldText.slice(start, end);
  const firstWord = start + quote.search(WORD);
  const lastWord = start + quote.length - 1 - [...quote].reverse().join('').search(WORD);
  // The nearest words outside the quote, in the same block or the next one over.
  const before = start - 1 - [...oldText.slice(0, start)].reverse().join('').search(WORD);
  const afterAt = oldText.slice(end).search(WORD);
  const probes = [firstWord, lastWord, before, afterAt < 0 ? -1 : end + afterAt];
  const keptProbes = new Set<number>();
  let kept = 0;
  let oldPos = 0;
  for (const change of edits) {
    if (change.added) continue;
    const next = oldPos + change.value.length;
    if (!change.removed) {
      kept += oldText.slice(Math.max(start, oldPos), Math.min(end, next)).replace(/\s/g, '').length;
      for (const probe of probes) if (probe >= oldPos && probe < next) keptProbes.add(probe);
    }
    oldPos = next;
  }
  const total = quote.replace(/\s/g, '').length;
  const keptOrNone = (probe: number): boolean => probe < 0 || keptProbes.has(probe);
  return {
    share: total === 0 ? 0 : kept / total,
    edges: quote.search(WORD) >= 0 && keptProbes.has(firstWord) && keptProbes.has(lastWord),
    frame: keptOrNone(before) && keptOrNone(probes[3]!),
  };
}

/** The ranges [start, end) of the new document that the edits added. */
export function addedRanges(edits: readonly Edit[]): [number, number][] {
  const ranges: [number, number][] = [];
  let newPos = 0;
  for (const change of edits) {
    if (change.removed) continue;
    if (change.added) ranges.push([newPos, newPos + change.value.length]);
    newPos += change.value.length;
  }
  return ranges;
}

/** The block-relative range for a document range, if it lies within one block. */
export function candidateAt(doc: Doc, start: number, end: number): Candidate | undefined {
  const index = doc.starts.findLastIndex((blockStart) => blockStart <= start);
  const block = doc.blocks[index];
  const blockStart = doc.starts[index];
  if (!block || blockStart === undefined || end > blockStart + block.text.length) return undefined;
  return { block, start: start - blockStart, end: end - blockStart };
}
