import { badRequest } from '../platform/errors';

/**
 * Shapes of Markdown whose parsing cost grows faster than their size (or overflows the stack):
 * hostile input, never needed by a real consultation text. Document size is bounded by each
 * field's own maximum length.
 */
export const MARKDOWN_LIMITS = {
  /** Quotes and lists inside each other (`> > - > …`), or list items indented that deep. */
  nesting: 20,
  /** Columns of one table. */
  tableColumns: 64,
  /** `[` characters: links, images, footnote references, task boxes. */
  brackets: 2_000,
  /** Footnote definitions (`[^1]: …`). */
  footnotes: 500,
} as const;

// The container markers that open a line: quote markers and list bullets or numbers.
const LINE_PREFIX = /^(?:[ \t]*(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)))+/gm;
const MARKER = />|[-*+]|\d{1,9}[.)]/g;
const LEADING_SPACE = /^[ \t]*/;
// One character class, no backtracking; rows without a dash are skipped after matching.
const DELIMITER_ROW = /^[ \t|:-]+$/gm;
const FOOTNOTE_DEFINITION = /^[ \t]*\[\^[^\]\n]+\]:/gm;

/** Why this Markdown would be too costly to render, in words for the writer, or null. */
export function costlyMarkdownProblem(markdown: string): string | null {
  let deepest = 0;
  for (const [prefix] of markdown.matchAll(LINE_PREFIX)) {
    const indent = LEADING_SPACE.exec(prefix)![0].replace(/\t/g, '    ').length;
    deepest = Math.max(deepest, (prefix.match(MARKER)?.length ?? 0) + Math.floor(indent / 2));
  }
  if (deepest > MARKDOWN_LIMITS.nesting) return `Quotes and lists can be nested at most ${MARKDOWN_LIMITS.nesting} deep.`;
  for (const [row] of markdown.matchAll(DELIMITER_ROW)) {
    if (row.includes('-') && row.split('|').filter((cell) => cell.includes('-')).length > MARKDOWN_LIMITS.tableColumns) return `A table can have at most ${MARKDOWN_LIMITS.tableColumns} columns.`;
  }
  if (count(markdown, '[') > MARKDOWN_LIMITS.brackets) return `The text can have at most ${MARKDOWN_LIMITS.brackets.toLocaleString('en-GB')} links, images and square brackets.`;
  if ((markdown.match(FOOTNOTE_DEFINITION)?.length ?? 0) > MARKDOWN_LIMITS.footnotes) return `The text can have at most ${MARKDOWN_LIMITS.footnotes} footnotes.`;
  return null;
}

/** 400 naming `field` when the Markdown is too costly to render. */
export function refuseCostlyMarkdown(markdown: string, field: string): void {
  const problem = costlyMarkdownProblem(markdown);
  if (problem) throw badRequest(problem, field, 'markdown_too_complex');
}

function count(text: string, character: string): number {
  let n = 0;
  for (let at = text.indexOf(character); at !== -1; at = text.indexOf(character, at + 1)) n++;
  return n;
}
