import { type Expression, type SqlBool, sql } from 'kysely';
import type { ProposalStatus } from '../../contracts/proposals';
import type { CurrentUser } from '../auth/current-user';
import { allow, deny, type Decision, firstDenial } from '../../platform/decisions';
import { hasRole, mayAct, mayActAs } from '../auth/users.policy';
import { phaseOf } from '../consultations/consultations.policy';
import { sectionTakesProposals } from '../revisions/revisions.policy';
import type { ConsultationRow, ModerationState, SectionRow } from '../../db/schema';
import { forbidden } from '../../platform/errors';
import { HIDDEN_AFTER_REPORTS } from '../comments/comments.policy';

/**
 * Who may do what with proposed edits:
 * - anyone signed in and not blocked may preview Markdown and keep a private draft (a draft never
 *   needs the consultation open, so a lock or a closing date arriving mid-sentence loses nothing);
 * - submitting and revising need the consultation open and the section not locked (a lock stops
 *   suggestions, and a revised proposal is a new suggestion);
 * - the author may withdraw an open proposal at any time;
 * - editors (and admins) merge and reject in any phase — reviewing usually happens after the
 *   consultation closes — and on locked sections too, as they may edit those directly;
 * - anyone may discuss a submitted proposal while the consultation is open; editors also after.
 */
export interface ProposingContext {
  consultation: Pick<ConsultationRow, 'opens_at' | 'closes_at' | 'outcome_published_at'>;
  section: Pick<SectionRow, 'locked_at' | 'locked_reason'>;
}

export interface ProposalTarget extends ProposingContext {
  proposal: { authorId: number | null; status: ProposalStatus };
}

const dayFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

function isOpen({ consultation }: ProposingContext): Decision {
  const phase = phaseOf(consultation);
  if (phase === 'upcoming') return deny(409, 'not_open', `This consultation opens on ${dayFormat.format(new Date(consultation.opens_at))}.`);
  if (phase !== 'open') return deny(409, 'closed', `This consultation closed on ${dayFormat.format(new Date(consultation.closes_at))}.`);
  return allow;
}

const STATUS_WORDS: Record<ProposalStatus, string> = {
  draft: 'has not been submitted',
  open: 'is open',
  merged: 'has already been merged',
  rejected: 'has already been rejected',
  withdrawn: 'has been withdrawn',
};

function isPending(target: ProposalTarget): Decision {
  const { status } = target.proposal;
  return status === 'open' ? allow : deny(409, `proposal_${status}`, `This proposal ${STATUS_WORDS[status]}.`);
}

function isAuthor(user: CurrentUser | null, target: ProposalTarget, what: string): Decision {
  return user && target.proposal.authorId === user.id ? allow : deny(403, 'not_author', `Only the person who proposed an edit can ${what} it.`);
}

/** Drafts are their author's alone: to anyone else they do not exist. */
export function mayView(user: CurrentUser | null, proposal: ProposalTarget['proposal']): boolean {
  return proposal.status !== 'draft' || (!!user && proposal.authorId === user.id);
}

export const mayPreview = (user: CurrentUser | null): Decision => mayAct(user);
export const mayKeepDraft = (user: CurrentUser | null): Decision => mayAct(user);

/** Closed or locked is said first: signing in would not help, so nobody is asked to. */
export function mayPropose(user: CurrentUser | null, context: ProposingContext): Decision {
  return firstDenial(
    () => isOpen(context),
    () => sectionTakesProposals(context.section),
    () => mayAct(user),
  );
}

export function mayRevise(user: CurrentUser | null, target: ProposalTarget): Decision {
  return firstDenial(
    () => mayAct(user),
    () => isAuthor(user, target, 'revise'),
    () => isPending(target),
    () => isOpen(target),
    () => sectionTakesProposals(target.section),
  );
}

export function mayWithdraw(user: CurrentUser | null, target: ProposalTarget): Decision {
  return firstDenial(
    () => mayAct(user),
    () => isAuthor(user, target, 'withdraw'),
    () => isPending(target),
  );
}

export function mayMerge(user: CurrentUser | null, target: ProposalTarget): Decision {
  return firstDenial(
    () => mayActAs(user, ['editor'], 'merge proposals'),
    () => isPending(target),
  );
}

export function mayReject(user: CurrentUser | null, target: ProposalTarget): Decision {
  return firstDenial(
    () => mayActAs(user, ['editor'], 'reject proposals'),
    () => isPending(target),
  );
}

export function mayDiscuss(user: CurrentUser | null, target: ProposalTarget): Decision {
  return firstDenial(
    () => mayAct(user),
    () => (target.proposal.status === 'draft' ? deny(409, 'proposal_draft', `This proposal ${STATUS_WORDS.draft}.`) : allow),
    () => (hasRole(user, 'editor') ? allow : isOpen(target)),
  );
}

/**
 * THE visibility rule for proposals and their discussion, the same table as for comments:
 *
 * | moderation | listed                               | text and author readable by |
 * |------------|--------------------------------------|-----------------------------|
 * | visible    | everyone                             | everyone                    |
 * | pending    | its author and moderators only       | its author and moderators   |
 * | hidden     | everyone (tombstone with the reason) | its author and moderators   |
 *
 * Lists, the proposal page, its discussion, the live channel and the queue all ask here; the
 * SQL twin below states the listing rule for queries.
 */

export interface ModeratedItem {
  moderation: ModerationState;
  authorId: number | null;
  hiddenReason: string | null;
}

const isModerator = (viewer: CurrentUser | null): boolean => hasRole(viewer, 'moderator');
const isItsAuthor = (viewer: CurrentUser | null, item: Pick<ModeratedItem, 'authorId'>): boolean => viewer !== null && item.authorId !== null && viewer.id === item.authorId;

export function isListedFor(viewer: CurrentUser | null, item: Pick<ModeratedItem, 'moderation' | 'authorId'>): boolean {
  return item.moderation !== 'pending' || isModerator(viewer) || isItsAuthor(viewer, item);
}

export function isReadableBy(viewer: CurrentUser | null, item: Pick<ModeratedItem, 'moderation' | 'authorId'>): boolean {
  return item.moderation === 'visible' || isModerator(viewer) || isItsAuthor(viewer, item);
}

/** Why others cannot see it (for everyone on a tombstone; for its author and moderators beside the text). */
export function moderationNotice(item: Pick<ModeratedItem, 'moderation' | 'hiddenReason'>): string | null {
  switch (item.moderation) {
    case 'visible':
      return null;
    case 'pending':
      return 'Waiting for a moderator to check it. Only you and moderators can see it.';
    case 'hidden':
      return item.hiddenReason === null ? HIDDEN_AFTER_REPORTS : `Hidden by a moderator: ${item.hiddenReason}`;
  }
}

/** Viewers with the same key see the same thing of this item (the live channel presents once per audience). */
export function moderatedAudience(viewer: CurrentUser | null, item: Pick<ModeratedItem, 'authorId'>): string {
  if (isModerator(viewer)) return 'moderators';
  return isItsAuthor(viewer, item) ? `author:${viewer!.id}` : 'everyone';
}

/**
 * `full` as the viewer may see it: itself (with its notice), `tombstone` (text and author
 * removed, notice kept), or null when the viewer may not know it exists.
 */
export function presentModerated<T extends object>(viewer: CurrentUser | null, item: ModeratedItem, full: T, tombstone: (view: T) => T): (T & { notice: string | null }) | null {
  if (!isListedFor(viewer, item)) return null;
  const notice = moderationNotice(item);
  return { ...(isReadableBy(viewer, item) ? full : tombstone(full)), notice };
}

/** 403 with the public reason when the viewer may know the item but not read it. */
export function requireReadable(viewer: CurrentUser | null, item: ModeratedItem, what: 'proposal'): void {
  if (!isReadableBy(viewer, item)) throw forbidden(`This ${what} cannot be shown. ${moderationNotice(item)}`, `${what}_hidden`);
}

/** SQL twin of `isListedFor` for `proposals` or `proposal_comments`. */
export function listedSql(viewer: CurrentUser | null, table: 'proposals' | 'proposal_comments'): Expression<SqlBool> {
  if (isModerator(viewer)) return sql<SqlBool>`1 = 1`;
  const notPending = sql<SqlBool>`${sql.ref(`${table}.moderation`)} != 'pending'`;
  return viewer ? sql<SqlBool>`(${notPending} or ${sql.ref(`${table}.author_id`)} = ${viewer.id})` : notPending;
}
