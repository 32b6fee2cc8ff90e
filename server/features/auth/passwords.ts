import { hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';

// OWASP's minimum for Argon2id: 19 MiB, 2 iterations, 1 lane (~110 ms here).
const ARGON2_OPTIONS = { algorithm: 2 /* Algorithm.Argon2id (an ambient const enum) */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 10;

// zxcvbn's list of ~49,000 leaked passwords, ranked by frequency.
const COMMON_PASSWORDS = new Set(dictionary['passwords-common'] as string[]);

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
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
