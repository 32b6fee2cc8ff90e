import type { Role } from '../../contracts/auth';
import type { CommentStatus } from '../../contracts/comments';
import type { BulkAction } from '../../contracts/moderation';
import type { CurrentUser } from '../auth/current-user';
import { allow, deny, type Decision, firstDenial } from '../../platform/decisions';
import { hasRole, mayAct, mayActAs } from '../auth/users.policy';

/**
 * Hiding, restoring, approving, closing threads and sections, the queue, and blocking: moderators
 * (admins hold every role). The live channel asks the same for moderation-channel events.
 */
export function mayModerate(user: CurrentUser | null): Decision {
  return mayActAs(user, ['moderator'], 'moderate comments');
}

/**
 * Anyone signed in may report someone else's published comment, proposal or proposal comment
 * (`what` names it; once per person: the database keeps that rule).
 */
export function mayReport(user: CurrentUser | null, comment: { authorId: number | null; status: CommentStatus }, what: 'comment' | 'proposal' = 'comment'): Decision {
  return firstDenial(
    () => mayAct(user),
    () => (user && comment.authorId === user.id ? deny(403, `own_${what}`, `You cannot report your own ${what}.`) : allow),
    () => (comment.status === 'visible' ? allow : deny(409, 'not_reportable', `This ${what} is already hidden or waiting for a moderator.`)),
  );
}

/** Moderators block citizens; blocking anyone with a staff role is for admins. Nobody blocks themselves. */
export function mayBlock(user: CurrentUser | null, account: { id: number; role: Role }): Decision {
  return firstDenial(
    () => mayModerate(user),
    () => (user!.id === account.id ? deny(403, 'own_account', 'You cannot block your own account.') : allow),
    () => (account.role === 'citizen' || hasRole(user, 'admin') ? allow : deny(403, 'staff_account', 'Only admins can block editors, moderators and admins.')),
  );
}

/**
 * Whether a comment (or the `what` named) in this state can take the action (409 otherwise).
 * `auto-hide` is the system's hide.
 */
export function mayApply(action: BulkAction | 'auto-hide', comment: { status: CommentStatus; reportCount: number }, what = 'comment'): Decision {
  switch (action) {
    case 'hide':
    case 'auto-hide':
      return comment.status === 'deleted' ? deny(409, 'comment_removed', `Its author has deleted this ${what}, so there is nothing to hide.`) : allow;
    case 'restore':
      return comment.status === 'hidden' ? allow : deny(409, 'not_hidden', `This ${what} is not hidden.`);
    case 'approve':
      return comment.status === 'pending' ? allow : deny(409, 'not_pending', `This ${what} is not waiting for approval.`);
    case 'dismiss-reports':
      return comment.reportCount > 0 ? allow : deny(409, 'no_reports', `This ${what} has no open reports.`);
  }
}
