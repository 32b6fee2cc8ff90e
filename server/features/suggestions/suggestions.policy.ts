import type { SuggestionStatus } from '../../contracts/suggestions';
import type { ModerationState } from '../../db/schema';
import { allow, deny, type Decision, firstDenial } from '../../platform/decisions';
import type { CurrentUser } from '../auth/current-user';
import { mayAct, mayActAs } from '../auth/users.policy';
import { isReadableBy, mayMerge, mayPropose, type ProposalTarget, type ProposingContext } from '../proposals/proposals.policy';

/**
 * Who may do what with suggestions. A suggestion is a proposal on a passage, so the proposals'
 * rules apply: suggesting is proposing (consultation open, section not locked, signed in and not
 * blocked); accepting and rejecting are merging and rejecting (editors, while the proposal is open);
 * a suggestion is readable exactly when its proposal is. Supporting is like endorsing a comment:
 * someone else's open suggestion, once per person.
 */
export interface SuggestionTarget {
  authorId: number | null;
  status: SuggestionStatus;
  proposalModeration: ModerationState | null;
}

export function maySuggest(user: CurrentUser | null, context: ProposingContext): Decision {
  return mayPropose(user, context);
}

export function mayDecide(user: CurrentUser | null, context: ProposingContext, target: SuggestionTarget): Decision {
  const proposal: ProposalTarget['proposal'] = { authorId: target.authorId, status: target.status === 'open' ? 'open' : 'merged' };
  return firstDenial(
    () => mayActAs(user, ['editor'], 'accept or reject suggestions'),
    () => (target.status === 'open' ? allow : deny(409, 'suggestion_decided', 'This suggestion has already been decided.')),
    () => mayMerge(user, { ...context, proposal }),
  );
}

export function maySupport(user: CurrentUser | null, target: SuggestionTarget): Decision {
  return firstDenial(
    () => mayAct(user),
    () => (user && target.authorId === user.id ? deny(403, 'own_proposal', 'You cannot support your own suggestion.') : allow),
    () => (target.status === 'open' ? allow : deny(409, 'suggestion_decided', 'Only open suggestions can be supported.')),
  );
}

/** Baskets are their author's alone. */
export function mayChangeBasket(user: CurrentUser | null, target: SuggestionTarget): Decision {
  return firstDenial(
    () => mayAct(user),
    () => (user && target.authorId === user.id && target.status === 'draft' ? allow : deny(403, 'not_author', 'Only the person who wrote a suggestion can remove it from their basket.')),
  );
}

/** Drafts only to their author; sent ones whenever their proposal is readable (pending: its author and moderators). */
export function mayRead(user: CurrentUser | null, target: SuggestionTarget): boolean {
  if (target.status === 'draft') return !!user && target.authorId === user.id;
  return isReadableBy(user, { moderation: target.proposalModeration ?? 'visible', authorId: target.authorId });
}
