import type { ErrorCode } from '../contracts/errors';
import { HttpError } from './errors';

/**
 * A policy's answer. Policies are plain functions of (user, resource) → Decision so the HTTP
 * routes, the services and the live channel ask exactly the same question and can never disagree.
 */
export type Decision = { allowed: true } | { allowed: false; status: 401 | 403 | 409; code: ErrorCode; message: string };

export const allow: Decision = { allowed: true };
export const deny = (status: 401 | 403 | 409, code: ErrorCode, message: string): Decision => ({ allowed: false, status, code, message });

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
