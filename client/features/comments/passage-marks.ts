import type { AnchorView } from '../../../server/contracts/comments';
import { highlightPassage } from '../revisions/passage-highlight';

/**
 * Marks, inside the block `blockId` of `article`, the words its comments quoted — only where
 * those words are still there (`exact === quote`): a comment whose passage has changed since is
 * not drawn over words its author never quoted. Clears the marks drawn before (the section's
 * Markdown cannot produce <mark>, so every mark in the text is one of these).
 */
export function markQuotedPassages(article: HTMLElement, blockId: string | null, anchors: readonly AnchorView[]): void {
  for (const mark of article.querySelectorAll('mark')) {
    const parent = mark.parentElement!;
    mark.replaceWith(...mark.childNodes);
    parent.normalize();
  }
  const block = blockId && article.querySelector<HTMLElement>(`[data-block-id="${CSS.escape(blockId)}"]`);
  if (!block) return;
  for (const anchor of anchors) {
    if (anchor.blockId === blockId && anchor.state !== 'orphaned' && anchor.exact === anchor.quote) highlightPassage(block, anchor.start, anchor.end);
  }
}
