import type { CommentWithAuthor } from './comments.repository';
import type { CommentRecord } from '../../contracts/comments';

/** A stored comment as a record (the event payload); views for a viewer come from `presentCommentFor`. */
export function toCommentRecord(row: CommentWithAuthor): CommentRecord {
  return {
    id: row.id,
    kind: row.kind,
    body: row.body,
    html: row.html,
    parentId: row.parent_id,
    author: row.author_username ? { username: row.author_username, displayName: row.author_display_name ?? row.author_username } : null,
    anchor:
      row.block_id !== null && row.anchor_state !== null
        ? {
            blockId: row.block_id,
            exact: row.quote_exact ?? '',
            quote: row.quote_posted ?? row.quote_exact ?? '',
            prefix: row.quote_prefix ?? '',
            suffix: row.quote_suffix ?? '',
            start: row.anchor_start ?? 0,
            end: row.anchor_end ?? 0,
            state: row.anchor_state,
            method: row.anchor_method,
            score: row.anchor_score,
          }
        : null,
    revision: row.revision_number,
    status: row.status,
    endorsements: row.endorsement_count,
    createdAt: row.created_at,
    edited: row.edited_at !== null,
    editedAt: row.edited_at,
    closed: row.closed_at ? { at: row.closed_at, note: row.closed_note } : null,
    ...(row.official ? { official: true } : {}),
    ...(row.question_id !== null ? { questionId: row.question_id } : {}),
    ...(row.respondent_type !== null ? { respondent: { type: row.respondent_type, organisation: row.organisation_name } } : {}),
    ...(row.addressed_at && row.addressed_revision_number !== null
      ? {
          addressed: {
            revision: row.addressed_revision_number,
            by: row.addressed_by_username ? { username: row.addressed_by_username, displayName: row.addressed_by_display_name ?? row.addressed_by_username } : null,
            at: row.addressed_at,
          },
        }
      : {}),
    authorId: row.author_id,
    hiddenReason: row.hidden_reason,
  };
}
