import type { Db } from '../../db/database';
import { prepared } from '../../db/prepared-query';

export async function insertSession(db: Db, tokenHash: string, userId: number, at: string): Promise<void> {
  await db.insertInto('sessions').values({ token_hash: tokenHash, user_id: userId, created_at: at, last_seen_at: at }).execute();
}

/** The session and its user in one indexed lookup (this runs on every signed-in request). */
const sessionWithUser = prepared((db: Db, tokenHash: string) =>
  db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.id as session_id', 'sessions.last_seen_at', 'users.id', 'users.username', 'users.display_name', 'users.role', 'users.blocked_at'])
    .where('sessions.token_hash', '=', tokenHash),
);

export async function findSessionWithUser(db: Db, tokenHash: string) {
  return (await sessionWithUser(db, tokenHash))[0];
}

export async function touchSession(db: Db, sessionId: number, at: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', sessionId).execute();
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

export async function deleteSessionById(db: Db, sessionId: number): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

export async function deleteUserSessions(db: Db, userId: number): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

/** Ends every session of an account but one (a password change keeps the browser that made it). */
export async function deleteOtherSessions(db: Db, userId: number, keepTokenHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).where('token_hash', '!=', keepTokenHash).execute();
}
