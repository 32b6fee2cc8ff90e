/**
 * The duplicate check's key for a comment: two comments with the same key are the same comment.
 * Case, spacing, punctuation and Markdown syntax do not change what a comment says, so they go;
 * symbols that carry meaning stay as words of their own: comparison signs ("< 5" is not "> 5"),
 * a sign before a number ("+5%" is not "-5%"), percent, and emoji ("👍" is not "👎").
 * Words, numbers and negations ("not", "isn't", "never", "no") are letters and digits, so they stay.
 */

const COMPARISON = new Set(['<', '>', '≤', '≥', '=', '≠', '%']);
const SIGN = new Set(['+', '-', '−', '±']);
const EMOJI = /\p{Extended_Pictographic}/u;
/** Markdown's quote markers ("> ") at the start of a line are syntax, not a comparison. */
const QUOTE_MARKERS = /^[ \t]*(?:>[ \t]?)+/gm;

function meaningful(symbol: string, next: string | undefined): boolean {
  if (COMPARISON.has(symbol) || EMOJI.test(symbol)) return true;
  return SIGN.has(symbol) && next !== undefined && /\p{Nd}/u.test(next);
}

export function normalizeForDuplicates(body: string): string {
  return body
    .normalize('NFKC')
    .toLowerCase()
    .replace(QUOTE_MARKERS, '')
    .replace(/[\p{P}\p{S}]/gu, (symbol, offset: number, text: string) => (meaningful(symbol, text[offset + 1]) ? ` ${symbol === '−' ? '-' : symbol} ` : ' '))
    .replace(/\s+/g, ' ')
    .trim();
}
