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

const TAB = 9;
const LINE_FEED = 10;
const CARRIAGE_RETURN = 13;
const SPACE = 32;
const CLOSE_PAREN = 41;
const ASTERISK = 42;
const PLUS = 43;
const DASH = 45;
const DOT = 46;
const ZERO = 48;
const NINE = 57;
const COLON = 58;
const GREATER_THAN = 62;
const OPEN_BRACKET = 91;
const CARET = 94;
const PIPE = 124;

/**
 * Why this Markdown would be too costly to render, in words for the writer, or null. One pass
 * over the characters that stops at the first problem: this runs on the event loop before every
 * render, so it must cost microseconds even for hostile text (`"> "` × 40,000).
 */
export function costlyMarkdownProblem(markdown: string): string | null {
  let footnotes = 0;
  for (let start = 0; start < markdown.length; ) {
    // Before finding the line's end, so `"> "` × 40,000 on one line is refused after 42 characters.
    if (nestingDepth(markdown, start) > MARKDOWN_LIMITS.nesting) return `Quotes and lists can be nested at most ${MARKDOWN_LIMITS.nesting} deep.`;
    const end = lineEnd(markdown, start);
    if (delimiterRowColumns(markdown, start, end) > MARKDOWN_LIMITS.tableColumns) return `A table can have at most ${MARKDOWN_LIMITS.tableColumns} columns.`;
    if (isFootnoteDefinition(markdown, start, end) && ++footnotes > MARKDOWN_LIMITS.footnotes) return `The text can have at most ${MARKDOWN_LIMITS.footnotes} footnotes.`;
    start = end + 1;
  }
  if (count(markdown, '[') > MARKDOWN_LIMITS.brackets) return `The text can have at most ${MARKDOWN_LIMITS.brackets.toLocaleString('en-GB')} links, images and square brackets.`;
  return null;
}

/** 400 naming `field` when the Markdown is too costly to render. */
export function refuseCostlyMarkdown(markdown: string, field: string): void {
  const problem = costlyMarkdownProblem(markdown);
  if (problem) throw badRequest(problem, field, 'markdown_too_complex');
}

function lineEnd(text: string, start: number): number {
  let at = start;
  while (at < text.length && !isLineBreak(text.charCodeAt(at))) at++;
  return at;
}

function isLineBreak(code: number): boolean {
  return code === LINE_FEED || code === CARRIAGE_RETURN;
}

function isBlank(code: number): boolean {
  return code === SPACE || code === TAB;
}

function isDigit(code: number): boolean {
  return code >= ZERO && code <= NINE;
}

/**
 * The container markers opening a line (quote markers, list bullets and numbers) plus half its
 * indentation when it opens with one; stops counting once past the limit.
 */
function nestingDepth(text: string, start: number): number {
  const end = text.length;
  let indent = 0;
  let at = start;
  for (; at < end && isBlank(text.charCodeAt(at)); at++) indent += text.charCodeAt(at) === TAB ? 4 : 1;
  const indentDepth = Math.floor(indent / 2);
  let markers = 0;
  while (at < end && (markers === 0 || markers + indentDepth <= MARKDOWN_LIMITS.nesting)) {
    while (at < end && isBlank(text.charCodeAt(at))) at++;
    const after = markerEnd(text, at, end);
    if (after === -1) break;
    markers++;
    at = after;
  }
  return markers === 0 ? 0 : markers + indentDepth;
}

/** Where the quote or list marker at `at` ends, or -1 if there is none. */
function markerEnd(text: string, at: number, end: number): number {
  const code = text.charCodeAt(at);
  if (code === GREATER_THAN) return at + 1;
  if (code === DASH || code === ASTERISK || code === PLUS) return itemMarkerEnd(text, at + 1, end);
  let digits = 0;
  while (at + digits < end && digits <= 9 && isDigit(text.charCodeAt(at + digits))) digits++;
  if (digits === 0 || digits > 9) return -1;
  const mark = text.charCodeAt(at + digits);
  return mark === DOT || mark === CLOSE_PAREN ? itemMarkerEnd(text, at + digits + 1, end) : -1;
}

/** A bullet or number is a list marker only when a blank or the line's end follows it. */
function itemMarkerEnd(text: string, after: number, end: number): number {
  const code = text.charCodeAt(after);
  return after === end || isBlank(code) || isLineBreak(code) ? after : -1;
}

/** The columns of a table's delimiter row (`| --- | :-: |`), or 0 if the line is not one. */
function delimiterRowColumns(text: string, start: number, end: number): number {
  let columns = 0;
  let cellHasDash = false;
  for (let at = start; at < end; at++) {
    const code = text.charCodeAt(at);
    if (code === DASH) cellHasDash = true;
    else if (code === PIPE) {
      if (cellHasDash) columns++;
      cellHasDash = false;
    } else if (code !== COLON && !isBlank(code)) return 0;
  }
  return cellHasDash ? columns + 1 : columns;
}

/** A line opening with `[^label]:`. */
function isFootnoteDefinition(text: string, start: number, end: number): boolean {
  let at = start;
  while (at < end && isBlank(text.charCodeAt(at))) at++;
  if (text.charCodeAt(at) !== OPEN_BRACKET || text.charCodeAt(at + 1) !== CARET) return false;
  const close = text.indexOf(']', at + 2);
  return close > at + 2 && close < end && text.charCodeAt(close + 1) === COLON;
}

function count(text: string, character: string): number {
  let n = 0;
  for (let at = text.indexOf(character); at !== -1; at = text.indexOf(character, at + 1)) n++;
  return n;
}
