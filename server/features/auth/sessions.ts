import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../../db/database';
import { ReadCache } from '../../db/read-cache';
import { now } from '../../db/time';
import { type CurrentUser, toCurrentUser } from './current-user';
import { deleteSession, deleteSessionById, findSessionWithUser, insertSession, touchSession } from './sessions.repository';

export const SESSION_COOKIE = 'agora_session';
// Refreshing last_seen_at on every request would turn every read into a write.
const TOUCH_INTERVAL_MS = 5 * 60 * 1000;

/**
 * Sessions as stored, by token hash, until the database next changes (see ReadCache): every
 * signed-in request looks its session up, which on PostgreSQL was a round trip per request (a
 * signed-in read ran at a third of a signed-out one). A sign-out, block or role change is a write,
 * so it is seen at once.
 */
const storedSessions = new ReadCache<Awaited<ReturnType<typeof findSessionWithUser>>>(10_000);

/** Only a hash of the token is stored, so a leaked database does not leak live sessions. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function createSession(db: Db, userId: number): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await insertSession(db, hashToken(token), userId, now());
  return token;
}

/**
 * The signed-in user for a cookie token, or null if the session is unknown or idle too long.
 * `renewed` says the session's idle clock was just reset, so the cookie's lifetime should be too.
 */
export async function openSession(db: Db, token: string, idleDays: number): Promise<{ user: CurrentUser; renewed: boolean } | null> {
  const tokenHash = hashToken(token);
  const row = await storedSessions.get(db, tokenHash, () => findSessionWithUser(db, tokenHash));
  if (!row) return null;
  const idleMs = Date.now() - Date.parse(row.last_seen_at);
  if (idleMs > idleDays * 24 * 60 * 60 * 1000) {
    await deleteSessionById(db, row.session_id);
    return null;
  }
  const renewed = idleMs > TOUCH_INTERVAL_MS;
  if (renewed) await touchSession(db, row.session_id, now());
  return { user: toCurrentUser(row), renewed };
}

/** Who is behind a token, for callers that keep no cookie to renew (the live channel). */
export async function resolveSession(db: Db, token: string, idleDays: number): Promise<CurrentUser | null> {
  return (await openSession(db, token, idleDays))?.user ?? null;
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
