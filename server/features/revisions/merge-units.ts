/**
 * The units a three-way merge aligns, coarsest first: Markdown blocks, then sentences, then words.
 * Every splitter returns pieces that join back to its input exactly.
 */
export type MergeLevel = 'block' | 'sentence' | 'word';

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const HEADING = /^ {0,3}#{1,6}(\s|$)/;
const LIST_ITEM = /^\s*([-*+]|\d{1,9}[.)])\s/;
const BLANK = /^\s*$/;

const sentences = new Intl.Segmenter('en', { granularity: 'sentence' });
/**
 * Words (letters and digits, with inner apostrophes or decimal points), runs of space, and single
 * other characters. A regular expression, not Intl.Segmenter's word mode: that cost ~0.5 s per
 * 100 KB here, which a long proposal's merge preview would have paid on every view.
 */
const WORD_UNITS = /[\p{L}\p{N}\p{M}]+(?:['’.,][\p{L}\p{N}\p{M}]+)*|\s+|[^]/gu;

export function splitUnits(text: string, level: MergeLevel): string[] {
  if (level === 'block') return splitBlocks(text);
  if (level === 'word') return text.match(WORD_UNITS) ?? [];
  return Array.from(sentences.segment(text), (segment) => segment.segment);
}

/**
 * Markdown blocks: a paragraph, heading, list item, table or fenced code block, each with the blank
 * lines that follow it (so a split paragraph's new blank line never pairs with the base's).
 */
function splitBlocks(text: string): string[] {
  const blocks: string[] = [];
  let current = '';
  let fence: string | undefined;
  let afterBlank = false;
  let afterHeading = false;
  for (const line of text.split(/(?<=\n)/)) {
    if (fence) {
      current += line;
      if (line.trimStart().startsWith(fence)) fence = undefined;
      continue;
    }
    if (BLANK.test(line)) {
      current += line;
      afterBlank = true;
      continue;
    }
    const opensFence = FENCE.exec(line)?.[1];
    const startsBlock = afterBlank || afterHeading || HEADING.test(line) || LIST_ITEM.test(line) || opensFence !== undefined;
    if (startsBlock && current !== '') {
      blocks.push(current);
      current = '';
    }
    current += line;
    fence = opensFence;
    afterBlank = false;
    afterHeading = HEADING.test(line);
  }
  if (current !== '') blocks.push(current);
  return blocks;
}

/** Whether a unit carries words (not only spaces, line breaks or punctuation). */
export function hasWords(unit: string): boolean {
  return /[\p{L}\p{N}]/u.test(unit);
}
