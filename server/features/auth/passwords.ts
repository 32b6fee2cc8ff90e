import { availableParallelism } from 'node:os';
import type { Options } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';
import Piscina from 'piscina';

// OWASP's minimum for Argon2id (Password Storage Cheat Sheet): 19 MiB, 2 iterations, 1 lane (~110 ms here).
const ARGON2_OPTIONS: Options = { algorithm: 2 /* Algorithm.Argon2id (an ambient const enum) */, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/**
 * Argon2 runs on its own worker threads at a lower priority, at most one fewer than the cores
 * (one on 2 cores), so a flood of sign-ins queues there while the event loop keeps a core and
 * wins the CPU whenever both want it. Queued, never refused: the per-address limits bound it.
 * The pool is shared by every app in the process and never closed: piscina unrefs idle threads,
 * so they do not hold the process open, and one app closing cannot fail another's sign-in.
 */
let pool: Piscina | undefined;
function passwordPool(): Piscina {
  pool ??= new Piscina({ filename: new URL('./password-worker.mjs', import.meta.url).href, minThreads: 0, maxThreads: Math.max(1, availableParallelism() - 1), idleTimeout: 30_000 });
  return pool;
}

export const MIN_PASSWORD_LENGTH = 10;

// zxcvbn's list of ~49,000 leaked passwords, ranked by frequency.
const COMMON_PASSWORDS = new Set(dictionary['passwords-common'] as string[]);

export function hashPassword(password: string): Promise<string> {
  return passwordPool().run({ password, options: ARGON2_OPTIONS }, { name: 'hash' });
}

/** False for a wrong password and for a hash that cannot be read. */
export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return passwordPool().run({ passwordHash, password }, { name: 'verify' });
}

/** Why a new password is not acceptable, in words a person can act on; null when it is fine. */
export function passwordProblem(password: string, username: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `Password must be at least ${MIN_PASSWORD_LENGTH} characters long.`;
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower)) return 'That password is one of the most commonly used. Choose something harder to guess.';
  if (lower.includes(username.toLowerCase())) return 'Password must not contain your username.';
  if (new Set(password).size < 4) return 'Password is too repetitive. Use a mix of words or characters.';
  return null;
}

/** A hash of a password nobody has, so failed sign-ins for unknown users take as long as real ones. */
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword('decoy password that never matches');
  return decoyHash;
}
