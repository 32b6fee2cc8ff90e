import type { CommentStatus } from '../../contracts/comments';
import type { ConsultationRow, SectionRow } from '../../db/schema';
import type { CurrentUser } from '../auth/current-user';
import { allow, deny, type Decision, firstDenial } from '../../platform/decisions';
import { hasRole, mayAct } from '../auth/users.policy';
import { phaseOf } from '../consultations/phase';

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
export function isOfficialReply(user: CurrentUser | null, target: CommentTarget): boolean {
  return hasRole(user, 'editor', 'moderator') && (target.thread.closed_at !== null || target.section.comments_closed_at !== null);
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
