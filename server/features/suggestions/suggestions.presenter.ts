import type { Suggestion, SuggestionEvent, SuggestionStatus } from '../../contracts/suggestions';
import type { Block } from '../../markdown/render';
import type { SuggestionRow } from './suggestions.repository';
import type { SuggestionTarget } from './suggestions.policy';

/**
 * A suggestion's status as readers know it. One merged, rejected or withdrawn with its whole
 * proposal (through the proposal's own review) shares its proposal's fate.
 */
export function statusOf(row: SuggestionRow): SuggestionStatus {
  if (row.status !== 'open') return row.status;
  switch (row.proposal_status) {
    case 'merged':
      return 'accepted';
    case 'rejected':
    case 'withdrawn':
      return row.proposal_status;
    default:
      return 'open';
  }
}

export function targetOf(row: SuggestionRow): SuggestionTarget {
  return { authorId: row.author_id, status: statusOf(row), proposalModeration: row.proposal_moderation };
}

/** A suggestion for one viewer: `current` places it in the current revision's blocks; `can` from the policy. */
export function presentSuggestion(row: SuggestionRow, currentBlocks: readonly Block[], supported: boolean, can: Suggestion['can']): Suggestion {
  const index = currentBlocks.findIndex((block) => block.id === row.block_id);
  return {
    id: row.id,
    proposalId: row.proposal_id,
    status: statusOf(row),
    author: row.author_username ? { username: row.author_username, displayName: row.author_display_name ?? row.author_username } : null,
    baseRevision: row.base_revision,
    block: row.block_index,
    blockId: row.block_id,
    start: row.source_start,
    end: row.source_end,
    original: row.original,
    replacement: row.replacement,
    text: { start: row.text_start, end: row.text_end },
    before: row.text_before,
    after: row.text_after,
    current: index === -1 ? null : { block: index, blockId: row.block_id },
    reason: row.reason,
    supports: row.support_count,
    supported,
    createdAt: row.created_at,
    decision: row.decided_at ? { note: row.decision_note, at: row.decided_at, revision: row.merged_revision } : null,
    can,
  };
}

export function suggestionEvent(row: SuggestionRow): SuggestionEvent {
  return { id: row.id, proposalId: row.proposal_id, status: statusOf(row), supports: row.support_count };
}
