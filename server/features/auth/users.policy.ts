import type { CurrentUser } from './current-user';
import { allow, deny, type Decision, mayActAs } from './policy';

/** Only admins list accounts and change roles or blocks; nobody changes their own. */
export function mayManageUsers(actor: CurrentUser | null): Decision {
  return mayActAs(actor, ['admin'], 'manage accounts');
}

export function mayManageUser(actor: CurrentUser | null, targetId: number): Decision {
  const decision = mayManageUsers(actor);
  if (!decision.allowed) return decision;
  return actor!.id === targetId ? deny(403, 'own_account', 'You cannot change your own role or block yourself. Ask another admin.') : allow;
}
