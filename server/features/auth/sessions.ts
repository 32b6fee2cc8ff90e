import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../../db/database';
import { now } from '../../db/time';
import type { CurrentUser } from './current-user';
import { deleteSession, deleteSessionById, findSessionWithUser, insertSession, touchSession } from './sessions.repository';

export const SESSION_COOKIE = 'agora_session';
// Refreshing last_seen_at on every request would turn every read into a write.
const TOUCH_INTERVAL_MS = 5 * 60 * 1000;

/** Only a hash of the token is stored, so a leaked database does not leak live sessions. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function createSession(db: Db, userId: number): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await insertSession(db, hashToken(token), userId, now());
  return token;
}

/** The signed-in user for a cookie token, or null if the session is unknown or idle too long. */
export async function resolveSession(db: Db, token: string, idleDays: number): Promise<CurrentUser | null> {
  const row = await findSessionWithUser(db, hashToken(token));
  if (!row) return null;
  const idleMs = Date.now() - Date.parse(row.last_seen_at);
  if (idleMs > idleDays * 24 * 60 * 60 * 1000) {
    await deleteSessionById(db, row.session_id);
    return null;
  }
  if (idleMs > TOUCH_INTERVAL_MS) await touchSession(db, row.session_id, now());
  return { id: row.id, username: row.username, displayName: row.display_name, role: row.role, blocked: row.blocked_at !== null };
}

export async function endSession(db: Db, token: string): Promise<void> {
  await deleteSession(db, hashToken(token));
}

/**
 * The CSRF token is derived from the session token (HMAC), so it needs no storage, changes with
 * every session, and cannot be computed by a page that cannot read the HttpOnly cookie.
 */
export function csrfTokenFor(sessionToken: string): string {
  return createHmac('sha256', sessionToken).update('agora csrf v1').digest('base64url');
}

export function csrfTokenMatches(sessionToken: string, presented: string | undefined): boolean {
  if (!presented) return false;
  const expected = Buffer.from(csrfTokenFor(sessionToken));
  const actual = Buffer.from(presented);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
