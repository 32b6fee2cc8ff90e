import { HttpError } from '../../platform/errors';
import type { CurrentUser } from './current-user';
import type { Role } from '../../contracts/auth';

/**
 * A policy's answer. Policies are plain functions of (user, resource) → Decision so the HTTP
 * routes and the live channel ask exactly the same question and can never disagree.
 */
export type Decision = { allowed: true } | { allowed: false; status: 401 | 403 | 409; code: string; message: string };

export const allow: Decision = { allowed: true };
export const deny = (status: 401 | 403 | 409, code: string, message: string): Decision => ({ allowed: false, status, code, message });

/** Throws the denial as an HTTP error; returns nothing when allowed. */
export function enforce(decision: Decision): void {
  if (!decision.allowed) throw new HttpError(decision.status, decision.code, decision.message);
}

/** The first denial among several checks, in order. */
export function firstDenial(...decisions: (() => Decision)[]): Decision {
  for (const check of decisions) {
    const decision = check();
    if (!decision.allowed) return decision;
  }
  return allow;
}

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
