import type { CommentRecord, CommentStatus, CommentView } from '../../contracts/comments';
import type { Phase } from '../../contracts/consultations';
import type { ConsultationRow, SectionRow } from '../../db/schema';
import type { CurrentUser } from '../auth/current-user';
import { allow, deny, type Decision, firstDenial } from '../../platform/decisions';
import { hasRole, mayAct } from '../auth/users.policy';
import { phaseOf } from '../consultations/consultations.policy';
import type { CommentFilter } from './comments.repository';

/** Where a comment would be written: the consultation's dates and the section's state. */
export interface CommentingContext {
  consultation: Pick<ConsultationRow, 'opens_at' | 'closes_at' | 'outcome_published_at'>;
  section: Pick<SectionRow, 'comments_closed_at' | 'comments_closed_note'>;
}

/** A thread's top-level comment carries its closed state. */
export interface ThreadState {
  closed_at: string | null;
  closed_note: string | null;
}

/** An existing comment as the rules see it, with its thread. */
export interface CommentTarget extends CommentingContext {
  thread: ThreadState;
  comment: { authorId: number | null; status: CommentStatus };
}

const dayFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
/** "14 March 2010", as GOV.UK writes dates. */
const day = (iso: string): string => dayFormat.format(new Date(iso));
const withNote = (message: string, note: string | null): string => (note ? `${message} ${note}` : message);

/** Open between `opens_at` and `closes_at`. */
function phaseOpen(consultation: CommentingContext['consultation']): Decision {
  const phase = phaseOf(consultation);
  if (phase === 'upcoming') return deny(409, 'not_open', `Comments open on ${day(consultation.opens_at)}.`);
  if (phase !== 'open') return deny(409, 'closed', `Comments closed on ${day(consultation.closes_at)}.`);
  return allow;
}

/** Open, and the section's comments not closed by a moderator. */
function isOpen({ consultation, section }: CommentingContext): Decision {
  const phase = phaseOpen(consultation);
  if (!phase.allowed) return phase;
  if (section.comments_closed_at) {
    return deny(409, 'comments_closed', withNote(`Comments on this section closed on ${day(section.comments_closed_at)}.`, section.comments_closed_note));
  }
  return allow;
}

function threadOpen(thread: ThreadState): Decision {
  return thread.closed_at ? deny(409, 'thread_closed', withNote(`This thread was closed on ${day(thread.closed_at)}.`, thread.closed_note)) : allow;
}

function isOwn(user: CurrentUser | null, target: CommentTarget, what: string): Decision {
  return user && target.comment.authorId === user.id ? allow : deny(403, 'not_author', `Only the person who wrote a comment can ${what} it.`);
}

function notRemoved(status: CommentStatus, what: string): Decision {
  return status === 'visible' || status === 'pending' ? allow : deny(409, 'comment_removed', `This comment has been removed, so you cannot ${what} it.`);
}

export function mayComment(user: CurrentUser | null, context: CommentingContext): Decision {
  return firstDenial(
    () => mayAct(user),
    () => isOpen(context),
  );
}

/**
 * Editors and moderators may still answer where a moderator closed the thread or the section's
 * comments (not after the consultation closes); such a reply is an official response.
 */
export function mayAnswerOfficially(user: CurrentUser | null): boolean {
  return mayAct(user).allowed && hasRole(user, 'editor', 'moderator');
}

export function isOfficialReply(user: CurrentUser | null, target: CommentTarget): boolean {
  return mayAnswerOfficially(user) && (target.thread.closed_at !== null || target.section.comments_closed_at !== null);
}

/** Whether a section in this phase takes new comments from anyone who may act: its page's "comment" controls. */
export function sectionAcceptsComments(phase: Phase, commentsClosed: boolean): boolean {
  return phase === 'open' && !commentsClosed;
}

/**
 * Pre-moderation: where the consultation has it on, a comment from an account younger than
 * `minAgeHours` (joined at `joinedAt`) waits for a moderator's approval. Staff are trusted.
 */
export function awaitsApproval(user: CurrentUser, consultation: Pick<ConsultationRow, 'premoderation'>, joinedAt: string | undefined, minAgeHours: number): boolean {
  if (!consultation.premoderation || joinedAt === undefined || hasRole(user, 'editor', 'moderator')) return false;
  return Date.now() - Date.parse(joinedAt) < minAgeHours * 60 * 60 * 1000;
}

/** Replies also need an open thread and a parent that has not been removed. */
export function mayReply(user: CurrentUser | null, target: CommentTarget): Decision {
  if (isOfficialReply(user, target)) {
    return firstDenial(
      () => mayAct(user),
      () => phaseOpen(target.consultation),
      () => notRemoved(target.comment.status, 'reply to'),
    );
  }
  return firstDenial(
    () => mayComment(user, target),
    () => threadOpen(target.thread),
    () => notRemoved(target.comment.status, 'reply to'),
  );
}

export function mayEdit(user: CurrentUser | null, target: CommentTarget): Decision {
  return firstDenial(
    () => mayAct(user),
    () => isOwn(user, target, 'edit'),
    () => notRemoved(target.comment.status, 'edit'),
    () => isOpen(target),
    () => threadOpen(target.thread),
  );
}

export function mayDelete(user: CurrentUser | null, target: CommentTarget): Decision {
  return firstDenial(
    () => mayAct(user),
    () => isOwn(user, target, 'delete'),
    () => notRemoved(target.comment.status, 'delete'),
    () => isOpen(target),
    () => threadOpen(target.thread),
  );
}

/** Endorsing and withdrawing an endorsement: someone else's comment that everyone can read. */
export function mayEndorse(user: CurrentUser | null, target: CommentTarget): Decision {
  return firstDenial(
    () => mayAct(user),
    () => (user && target.comment.authorId === user.id ? deny(403, 'own_comment', 'You cannot endorse your own comment.') : allow),
    () => (target.comment.status === 'visible' ? allow : deny(409, 'comment_removed', 'Only published comments can be endorsed.')),
    () => isOpen(target),
    () => threadOpen(target.thread),
  );
}

// Who may see a comment: the same rules serve HTTP listings, SQL filters and the live channel.

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

export const HIDDEN_AFTER_REPORTS = 'Hidden after reports, waiting for a moderator';

/** Text explaining a tombstone (or, for its author and moderators, why others cannot see it). */
export function noticeFor(comment: Pick<CommentRecord, 'status' | 'hiddenReason'>): string | null {
  switch (comment.status) {
    case 'visible':
      return null;
    case 'pending':
      return 'Waiting for a moderator to check it. Only you and moderators can see it.';
    case 'hidden':
      // Only the system hides without a reason: after reports, until a moderator decides.
      return comment.hiddenReason === null ? HIDDEN_AFTER_REPORTS : `Hidden by a moderator: ${comment.hiddenReason}`;
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
  // A tombstone says nothing of who wrote it, nor for whom (an organisation's name is content too).
  const { respondent: _respondent, ...tombstone } = view;
  return { ...tombstone, body: '', html: '', author: null, edited: false, editedAt: null, notice };
}

/**
 * Viewers with the same key get the same `presentCommentFor` result for this comment, so the live
 * channel can present (and serialise) an event once per audience instead of once per socket.
 */
export function commentAudience(viewer: CurrentUser | null, comment: RuleInput): string {
  if (isModerator(viewer)) return 'moderators';
  return isAuthor(viewer, comment) ? `author:${viewer!.id}` : 'everyone';
}

/**
 * Whether the viewer sees exactly what a signed-out reader sees of a section's comments (plus
 * their own endorsements and reports): by the table above, true unless they moderate or have a
 * comment of their own there that is pending or hidden (`ownUnpublished`).
 */
export function seesPublicComments(viewer: CurrentUser, ownUnpublished: boolean): boolean {
  return !isModerator(viewer) && !ownUnpublished;
}

/**
 * `readableBy` split for counting: the statuses the viewer reads of everyone's comments (kept in
 * counters), and whether their own pending and hidden comments count for them on top.
 */
export function countedFor(viewer: CurrentUser | null): { statuses: CommentStatus[]; ownUnpublished: CommentStatus[] } {
  if (isModerator(viewer)) return { statuses: ['visible', 'pending', 'hidden'], ownUnpublished: [] };
  return { statuses: ['visible'], ownUnpublished: viewer ? ['pending', 'hidden'] : [] };
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
