import type { CommentStatus, CommentView } from '../../contracts/comments';
import type { CurrentUser } from '../auth/current-user';
import { hasRole } from '../auth/users.policy';
import type { CommentFilter } from './comments.repository';

/**
 * THE visibility rule for comments. HTTP lists, permalinks, feeds, counts, the live channel and
 * moderation all decide here what a viewer may see:
 *
 * | status  | listed (as itself or a tombstone)   | content readable by               |
 * |---------|-------------------------------------|-----------------------------------|
 * | visible | everyone                            | everyone                          |
 * | pending | its author and moderators only      | its author and moderators         |
 * | hidden  | everyone (tombstone with the reason)| its author and moderators         |
 * | deleted | everyone (tombstone)                | nobody                            |
 *
 * The JavaScript predicates and the SQL filters below state the same table twice (SQL for
 * counts and paging, JS for single comments and live events); a test checks they agree.
 */

/**
 * A comment as stored and as carried in `comment.*` event payloads: the full view with no
 * viewer-specific fields, plus what the rule needs (author id, moderator's reason).
 */
export type CommentRecord = Omit<CommentView, 'endorsedByMe' | 'notice'> & {
  authorId: number | null;
  hiddenReason: string | null;
};

type RuleInput = { status: CommentStatus; authorId: number | null };

const isModerator = (viewer: CurrentUser | null): boolean => hasRole(viewer, 'moderator');
const isAuthor = (viewer: CurrentUser | null, comment: RuleInput): boolean => viewer !== null && comment.authorId !== null && viewer.id === comment.authorId;

/** Whether the viewer sees the comment at all (possibly as a tombstone). */
export function isListedFor(viewer: CurrentUser | null, comment: RuleInput): boolean {
  return comment.status !== 'pending' || isModerator(viewer) || isAuthor(viewer, comment);
}

/** Whether the viewer may read the comment's text and author. */
export function isReadableBy(viewer: CurrentUser | null, comment: RuleInput): boolean {
  switch (comment.status) {
    case 'visible':
      return true;
    case 'pending':
    case 'hidden':
      return isModerator(viewer) || isAuthor(viewer, comment);
    case 'deleted':
      return false;
  }
}

/** Text explaining a tombstone (or, for its author and moderators, why others cannot see it). */
export function noticeFor(comment: Pick<CommentRecord, 'status' | 'hiddenReason'>): string | null {
  switch (comment.status) {
    case 'visible':
      return null;
    case 'pending':
      return 'Waiting for a moderator to check it. Only you and moderators can see it.';
    case 'hidden':
      return `Hidden by a moderator: ${comment.hiddenReason ?? 'no reason given'}`;
    case 'deleted':
      return 'Comment deleted by its author';
  }
}

/**
 * The comment as `viewer` may see it: the whole comment, a tombstone (no body, no author) that
 * keeps its place in the thread, or null when the viewer may not know it exists.
 * Safe to call on a stored event payload.
 */
export function presentCommentFor(viewer: CurrentUser | null, comment: CommentRecord): CommentView | null {
  if (!isListedFor(viewer, comment)) return null;
  const { authorId: _authorId, hiddenReason: _hiddenReason, ...view } = comment;
  const notice = noticeFor(comment);
  if (isReadableBy(viewer, comment)) return { ...view, notice };
  return { ...view, body: '', html: '', author: null, edited: false, editedAt: null, notice };
}

/**
 * Viewers with the same key get the same `presentCommentFor` result for this comment, so the live
 * channel can present (and serialise) an event once per audience instead of once per socket.
 */
export function commentAudience(viewer: CurrentUser | null, comment: RuleInput): string {
  if (isModerator(viewer)) return 'moderators';
  return isAuthor(viewer, comment) ? `author:${viewer!.id}` : 'everyone';
}

/** SQL twin of `isListedFor`, for queries over `comments`. */
export function listedFor(viewer: CurrentUser | null): CommentFilter {
  return (eb) => {
    if (isModerator(viewer)) return eb.lit(true);
    const notPending = eb('comments.status', '!=', 'pending');
    return viewer ? eb.or([notPending, eb('comments.author_id', '=', viewer.id)]) : notPending;
  };
}

/** SQL twin of `isReadableBy`: what counts and feeds may include. */
export function readableBy(viewer: CurrentUser | null): CommentFilter {
  return (eb) => {
    if (isModerator(viewer)) return eb('comments.status', 'in', ['visible', 'pending', 'hidden']);
    const visible = eb('comments.status', '=', 'visible');
    if (!viewer) return visible;
    return eb.or([visible, eb.and([eb('comments.status', 'in', ['pending', 'hidden']), eb('comments.author_id', '=', viewer.id)])]);
  };
}
