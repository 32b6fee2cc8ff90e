import { diffArrays, diffWordsWithSpace, type Change } from 'diff';
import type { Block } from '../../markdown/render';

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

/** How much of an old passage is still there: the share of its non-space characters kept, and whether its first and last words are. */
export interface Survival {
  share: number;
  edges: boolean;
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
 * an end stops before such text, so insertions just outside the quote never join it.
 */
export function mapOffset(edits: readonly Edit[], offset: number, side: 'start' | 'end'): number {
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

/** How much of the old range [start, end) the edits kept. */
export function survival(edits: readonly Edit[], oldText: string, start: number, end: number): Survival {
  const quote = oldText.slice(start, end);
  const firstWord = quote.search(WORD);
  const lastWord = quote.length - 1 - [...quote].reverse().join('').search(WORD);
  let kept = 0;
  const keptAt = new Set<number>();
  let oldPos = 0;
  for (const change of edits) {
    if (change.added) continue;
    const from = Math.max(start, oldPos);
    const to = Math.min(end, oldPos + change.value.length);
    if (!change.removed && from < to) {
      kept += oldText.slice(from, to).replace(/\s/g, '').length;
      for (const edge of [firstWord, lastWord]) if (start + edge >= from && start + edge < to) keptAt.add(edge);
    }
    oldPos += change.value.length;
    if (oldPos >= end) break;
  }
  const total = quote.replace(/\s/g, '').length;
  return { share: total === 0 ? 0 : kept / total, edges: firstWord >= 0 && keptAt.has(firstWord) && keptAt.has(lastWord) };
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
