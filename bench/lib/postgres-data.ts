import { sql } from 'kysely';
import type { AnchorInput } from '../../server/contracts/comments';
import { loadConfig } from '../../server/config';
import { loadContent } from '../../server/commands/load-content';
import type { Db } from '../../server/db/database';
import { migrateToLatest } from '../../server/db/migrator';
import { createPostgresDatabase } from '../../server/db/postgres';
import { type BenchSession, benchJoinedAt, newBenchSession } from './agora-data';
import type { BenchContext } from './benchmark';
import { COMMENTS_PATH, commentPayload, nextCommentNumber, signedInHeaders } from './comment-posts';

/**
 * The PostgreSQL benchmark's data: a schema of its own on DATABASE_URL (dropped when the benchmark
 * ends), migrated and loaded with the sample content as `npm start` would, with bench accounts.
 */

export interface PostgresBenchData {
  readonly schema: string;
  readonly sessions: readonly BenchSession[];
}

export async function preparePostgresSchema(context: BenchContext, url: string, accounts: number): Promise<PostgresBenchData> {
  const schema = `agora_bench_${process.pid}_${Date.now()}`;
  context.defer(async () => {
    const admin = createPostgresDatabase(url);
    await sql`DROP SCHEMA IF EXISTS ${sql.id(schema)} CASCADE`.execute(admin);
    await admin.destroy();
  });
  const db = createPostgresDatabase(url, schema);
  try {
    await migrateToLatest(db);
    await loadContent(db, loadConfig(process.env).contentDir);
    return { schema, sessions: await createAccounts(db, accounts) };
  } finally {
    await db.destroy();
  }
}

/** Citizens with open sessions, inserted directly (no Argon2: nobody signs in with a password). */
async function createAccounts(db: Db, count: number): Promise<BenchSession[]> {
  const joined = benchJoinedAt();
  const at = new Date().toISOString();
  const sessions: BenchSession[] = [];
  for (let i = 1; i <= count; i++) {
    const { id } = await db
      .insertInto('users')
      .values({ username: `bench-${i}`, display_name: `Bench ${i}`, email: null, password_hash: 'not-a-password-hash', role: 'citizen', created_at: joined })
      .returning('id')
      .executeTakeFirstOrThrow();
    const { session, tokenHash } = newBenchSession(id);
    await db.insertInto('sessions').values({ token_hash: tokenHash, user_id: id, created_at: at, last_seen_at: at }).execute();
    sessions.push(session);
  }
  return sessions;
}

const SEED_CONCURRENCY = 10;

/** `count` comments posted through the API (the SQLite benchmarks seed the file directly instead). */
export async function postComments(serverUrl: string, sessions: readonly BenchSession[], passages: readonly AnchorInput[], count: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const n = next++;
      const response = await fetch(`${serverUrl}${COMMENTS_PATH}`, { method: 'POST', headers: signedInHeaders(sessions[n % sessions.length]!), body: commentPayload(nextCommentNumber(), passages) });
      if (response.status !== 201) throw new Error(`seeding: POST ${COMMENTS_PATH} answered ${response.status}: ${await response.text()}`);
    }
  };
  await Promise.all(Array.from({ length: SEED_CONCURRENCY }, worker));
}
