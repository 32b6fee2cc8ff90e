import type { ProposalStatus } from '../../contracts/proposals';
import type { ConsultationRow, SectionRow } from '../../db/schema';
import type { CurrentUser } from '../auth/current-user';
import { allow, deny, type Decision, firstDenial } from '../../platform/decisions';
import { hasRole, mayAct, mayActAs } from '../auth/users.policy';
import { phaseOf } from '../consultations/consultations.policy';
import { sectionTakesProposals } from '../revisions/revisions.policy';

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

export function mayPropose(user: CurrentUser | null, context: ProposingContext): Decision {
  return firstDenial(
    () => mayAct(user),
    () => isOpen(context),
    () => sectionTakesProposals(context.section),
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
