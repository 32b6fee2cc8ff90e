import type { SuggestBody } from '../../contracts/suggestions';
import { type Block, blockSpans, renderDocument } from '../../markdown/render';
import { badRequest } from '../../platform/errors';

// Where a suggestion's passage lies and what the text becomes with it: pure functions of the text.

/** A passage of a revision's Markdown: offsets into the whole text, and what replaces them. */
export interface Passage {
  sourceStart: number;
  sourceEnd: number;
  replacement: string;
}

export interface LocatedPassage extends Passage {
  blockIndex: number;
  blockId: string;
  original: string;
  /** The block's plain text before and after, and the changed stretch of the before text. */
  textBefore: string;
  textAfter: string;
  textStart: number;
  textEnd: number;
}

/** The Markdown source of each block of `markdown`, in the order of its blocks. */
export function blockSources(markdown: string): string[] {
  return blockSpans(markdown).map((span) => markdown.slice(span.start, span.end));
}

/** `markdown` with the passage replaced. */
export function applyPassage(markdown: string, passage: Passage): string {
  return markdown.slice(0, passage.sourceStart) + passage.replacement + markdown.slice(passage.sourceEnd);
}

/** `markdown` with several passages that do not overlap replaced (each offset counts in `markdown` as given). */
export function applyPassages(markdown: string, passages: readonly Passage[]): string {
  return [...passages].sort((a, b) => b.sourceStart - a.sourceStart).reduce(applyPassage, markdown);
}

/** Whether two passages touch the same characters (two insertions at one point count as overlapping). */
export function overlaps(a: Passage, b: Passage): boolean {
  return a.sourceStart < b.sourceEnd && b.sourceStart < a.sourceEnd ? true : a.sourceStart === b.sourceStart;
}

/** The plain text a reader sees in a fragment of Markdown (its blocks' texts, space-separated). */
function plainTextOf(markdown: string): string {
  return renderDocument(markdown)
    .blocks.map((block) => block.text)
    .join(' ');
}

/** [start, end) of `before` that differs from `after`, by their common prefix and suffix. */
function changedStretch(before: string, after: string): { start: number; end: number } {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start += 1;
  let tail = 0;
  while (tail < before.length - start && tail < after.length - start && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail += 1;
  return { start, end: before.length - tail };
}

/**
 * Checks a suggestion's range against the base revision and locates it: 400 naming `block`,
 * `start` or `end` when the range is not inside that block's source.
 */
export function locatePassage(markdown: string, blocks: readonly Block[], input: Pick<SuggestBody, 'block' | 'start' | 'end' | 'replacement'>): LocatedPassage {
  const spans = blockSpans(markdown);
  const span = spans[input.block];
  const block = blocks[input.block];
  if (!span || !block) throw badRequest(`This version has ${blocks.length} blocks; choose one of 0 to ${blocks.length - 1}.`, 'block');
  const length = span.end - span.start;
  if (input.start > length) throw badRequest(`The passage must start within the block (at most ${length}).`, 'start');
  if (input.end < input.start || input.end > length) throw badRequest(`The passage must end within the block, at or after its start (${input.start} to ${length}).`, 'end');
  const source = markdown.slice(span.start, span.end);
  const afterSource = source.slice(0, input.start) + input.replacement + source.slice(input.end);
  const textAfter = plainTextOf(afterSource);
  const stretch = changedStretch(block.text, textAfter);
  return {
    blockIndex: input.block,
    blockId: block.id,
    sourceStart: span.start + input.start,
    sourceEnd: span.start + input.end,
    replacement: input.replacement,
    original: source.slice(input.start, input.end),
    textBefore: block.text,
    textAfter,
    textStart: stretch.start,
    textEnd: stretch.end,
  };
}
