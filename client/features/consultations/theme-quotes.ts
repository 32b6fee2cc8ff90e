import { css, html } from 'lit';
import type { ResponseQuote } from '../../../server/contracts/analysis';
import type { CommentCounts, CommentKind } from '../../../server/contracts/comments';
import { KIND_CHOICES, KIND_TAGS, kindCount, plural } from '../comments/comment-kinds';

// What people said in a theme, as the outcome page and the outcome editor both show it.

export const themeQuoteStyles = css`
  .theme-quote { margin: var(--agora-space-2) 0; padding-left: var(--agora-space-3); border-left: 3px solid var(--agora-text-muted); overflow-wrap: anywhere; }
  .theme-quote footer { color: var(--agora-text-muted); }
`;

/** "3 responses: 2 objections, 1 in support" (kinds with none left out). */
export function themeCounts(counts: CommentCounts): string {
  const parts = KIND_CHOICES.filter(({ kind }) => counts[kind] > 0).map(({ kind }) => kindCount(kind, counts[kind]));
  return `${plural(counts.total, 'response')}${parts.length > 0 ? `: ${parts.join(', ')}` : ''}`;
}

/** One response, quoted in full, linking to it in its section. */
export function themeQuote(quote: ResponseQuote) {
  const kind = KIND_TAGS[quote.kind as CommentKind] ?? quote.kind;
  return html`<blockquote class="theme-quote">
    ${quote.body}
    <footer>— <a href=${quote.url}>${quote.author ?? 'a removed account'}, ${kind.toLowerCase()} (response ${quote.id})</a></footer>
  </blockquote>`;
}
