import type { Role } from '../../contracts/auth';
import { allow, deny, type Decision } from '../../platform/decisions';
import type { CurrentUser } from './current-user';

// Every rule about an account: whether it may act at all, which roles it holds, and who manages it.

/** Signed in and not blocked: the precondition of every write. */
export function mayAct(user: CurrentUser | null): Decision {
  if (!user) return deny(401, 'not_signed_in', 'You need to sign in to do that.');
  if (user.blocked) return deny(403, 'blocked', 'Your account has been blocked, so you can read but not take part.');
  return allow;
}

/** Admins hold every role's powers. */
export function hasRole(user: CurrentUser | null, ...roles: Role[]): boolean {
  return !!user && (user.role === 'admin' || roles.includes(user.role));
}

export function mayActAs(user: CurrentUser | null, roles: Role[], what: string): Decision {
  const base = mayAct(user);
  if (!base.allowed) return base;
  return hasRole(user, ...roles) ? allow : deny(403, 'forbidden', `Only ${roles.join(' or ')}s can ${what}.`);
}

/** Only admins list accounts and change roles or blocks; nobody changes their own. */
export function mayManageUsers(actor: CurrentUser | null): Decision {
  return mayActAs(actor, ['admin'], 'manage accounts');
}

export function mayManageUser(actor: CurrentUser | null, targetId: number): Decision {
  const decision = mayManageUsers(actor);
  if (!decision.allowed) return decision;
  return actor!.id === targetId ? deny(403, 'own_account', 'You cannot change your own role or block yourself. Ask another admin.') : allow;
}

/** A person's own account (password, email, sessions, their data): signed in is enough, even when blocked. */
export function mayManageOwnAccount(user: CurrentUser | null): Decision {
  return user ? allow : deny(401, 'not_signed_in', 'You need to sign in to do that.');
}
