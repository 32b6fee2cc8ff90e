import { randomBytes } from 'node:crypto';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { loadConfig } from '../../server/config';
import { createDatabase, SQLITE_FILE } from '../../server/db/database';
import { migrateToLatest } from '../../server/db/migrator';
import { loadContent } from '../../server/commands/load-content';
import { csrfTokenFor, hashToken, SESSION_COOKIE } from '../../server/features/auth/sessions';

/**
 * A data folder made ready before the server under test starts: migrated and loaded with the
 * sample content exactly as `npm start` would (the server then finds nothing to change), so the
 * seeding that follows can write with raw better-sqlite3 while nothing else has the file open.
 */

/** The section every read, write and fan-out benchmark uses (an open consultation). */
export const BENCH_CONSULTATION = 'ideal-government-it';
export const BENCH_SECTION = 'governance';
export const BENCH_SECTION_PATH = `/api/consultations/${BENCH_CONSULTATION}/sections/${BENCH_SECTION}`;
export const BENCH_CHANNEL = `section:${BENCH_CONSULTATION}/${BENCH_SECTION}`;

export async function prepareDataDir(dataDir: string): Promise<string> {
  const config = loadConfig({ ...process.env, DATA_DIR: dataDir });
  const db = createDatabase(config);
  try {
    await migrateToLatest(db);
    await loadContent(db, config.contentDir);
  } finally {
    await db.destroy();
  }
  return path.join(dataDir, SQLITE_FILE);
}

/** What a signed-in load-test client sends: the session cookie and its CSRF token. */
export interface BenchSession {
  readonly userId: number;
  readonly cookie: string;
  readonly csrf: string;
}

/** A session for `userId`: what the client sends, and the hash the `sessions` row stores. */
export function newBenchSession(userId: number): { session: BenchSession; tokenHash: string } {
  const token = randomBytes(32).toString('base64url');
  return { session: { userId, cookie: `${SESSION_COOKIE}=${token}`, csrf: csrfTokenFor(token) }, tokenHash: hashToken(token) };
}

/** When bench accounts joined: 30 days ago, so pre-moderation of new accounts never applies. */
export const benchJoinedAt = (): string => new Date(Date.now() - 30 * 24 * 60 * 60 * 1000).toISOString();

/**
 * Citizens with open sessions, inserted directly (no Argon2 per user: nobody signs in with a
 * password here). They joined 30 days ago, so pre-moderation of new accounts never applies.
 */
export function createUsersWithSessions(dbFile: string, count: number, prefix = 'bench'): BenchSession[] {
  const db = new SQLite(dbFile);
  try {
    const joined = benchJoinedAt();
    const at = new Date().toISOString();
    const insertUser = db.prepare(
      "INSERT INTO users (username, display_name, email, password_hash, role, created_at) VALUES (?, ?, NULL, 'not-a-password-hash', 'citizen', ?)",
    );
    const insertSession = db.prepare('INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at) VALUES (?, ?, ?, ?)');
    return db.transaction(() =>
      Array.from({ length: count }, (_, i) => {
        const userId = Number(insertUser.run(`${prefix}-${i + 1}`, `Bench ${prefix} ${i + 1}`, joined).lastInsertRowid);
        const { session, tokenHash } = newBenchSession(userId);
        insertSession.run(tokenHash, userId, at, at);
        return session;
      }),
    )();
  } finally {
    db.close();
  }
}
