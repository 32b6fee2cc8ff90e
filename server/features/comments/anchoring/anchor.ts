import type { AnchorInput } from '../../../contracts/comments';
import type { Block } from '../../../markdown/render';
import { badRequest } from '../../../platform/errors';
import { anchorAt } from './reanchor';

/** Anchor columns of a new comment, all checked against the revision's blocks. */
export interface AnchorColumns {
  block_id: string;
  block_index: number;
  quote_exact: string;
  quote_posted: string;
  quote_prefix: string;
  quote_suffix: string;
  anchor_start: number;
  anchor_end: number;
  anchor_state: 'anchored';
}

/**
 * Checks a passage against the revision it is written on: the block must exist and
 * `text.slice(start, end)` must equal `exact`; a prefix or suffix sent must be the text right
 * before or after it. The stored context is always derived from the block text.
 */
export function resolveAnchor(blocks: readonly Block[], anchor: AnchorInput): AnchorColumns {
  const index = blocks.findIndex((block) => block.id === anchor.blockId);
  const block = blocks[index];
  if (!block) throw badRequest('That passage is not in the current version of this section. Reload the page and select it again.', 'anchor.blockId');
  const { start, end } = anchor;
  if (end <= start || end > block.text.length || block.text.slice(start, end) !== anchor.exact) {
    throw badRequest('The quoted text does not match the section at that position. Reload the page and select it again.', 'anchor.exact');
  }
  if (anchor.prefix !== undefined && !block.text.slice(0, start).endsWith(anchor.prefix)) {
    throw badRequest('The text before the quote does not match the section.', 'anchor.prefix');
  }
  if (anchor.suffix !== undefined && !block.text.slice(end).startsWith(anchor.suffix)) {
    throw badRequest('The text after the quote does not match the section.', 'anchor.suffix');
  }
  const located = anchorAt(block, start, end);
  return {
    block_id: located.blockId,
    block_index: index,
    quote_exact: located.exact,
    quote_posted: located.exact,
    quote_prefix: located.prefix,
    quote_suffix: located.suffix,
    anchor_start: start,
    anchor_end: end,
    anchor_state: 'anchored',
  };
}
