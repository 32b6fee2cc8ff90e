import { sql } from 'kysely';
import { loadConfig } from '../../server/config';
import { loadContent } from '../../server/commands/load-content';
import type { Db } from '../../server/db/database';
import { migrateToLatest } from '../../server/db/migrator';
import { createPostgresDatabase } from '../../server/db/postgres';
import { type BenchSession, benchJoinedAt, newBenchSession } from './agora-data';
import type { BenchContext } from './benchmark';
import { RECOUNT_COMMENT_COUNTERS, type SeedCommentRow, seedCommentRows, type SeedPlan } from '../seed-comments';

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

/** 24 columns a row: 1,000 rows stay under PostgreSQL's 65,535 parameters a statement. */
const ROWS_PER_INSERT = 1_000;

/**
 * Comments written straight into the schema, the same rows as the SQLite benchmarks' seeder
 * (bench/seed-comments.ts), in multi-row INSERTs on one connection with triggers off (the comment
 * counters are then counted once, as that seeder does). Returns the seconds it took.
 */
export async function seedPostgresComments(url: string, schema: string, plan: SeedPlan): Promise<number> {
  const started = performance.now();
  const db = createPostgresDatabase(url, schema, 1);
  try {
    await sql`SET session_replication_role = replica`.execute(db);
    const sections = await db
      .selectFrom('sections as s')
      .innerJoin('consultations as c', 'c.id', 's.consultation_id')
      .innerJoin('revisions as r', 'r.id', 's.current_revision_id')
      .select(['s.id', 's.consultation_id as consultationId', 's.slug', 'c.slug as consultationSlug', 'r.id as revisionId', 'r.blocks_json'])
      .orderBy('s.id')
      .execute();
    const joined = benchJoinedAt();
    const authors = await db
      .insertInto('users')
      .values(Array.from({ length: plan.authors }, (_, i) => ({ username: `seed-${i + 1}`, display_name: `Seeded Citizen ${i + 1}`, email: null, password_hash: 'not-a-password-hash', role: 'citizen', created_at: joined })))
      .returning('id')
      .execute();
    const { first } = await db.selectFrom('comments').select((eb) => eb.fn.coalesce(eb.fn.max('id'), sql<number>`0`).as('first')).executeTakeFirstOrThrow();
    const rows = seedCommentRows(sections.map(({ blocks_json, ...section }) => ({ ...section, blocks: JSON.parse(blocks_json) })), authors.map((a) => a.id), plan, first + 1);
    let chunk: SeedCommentRow[] = [];
    const flush = async () => {
      if (chunk.length === 0) return;
      await db.insertInto('comments').values(chunk).execute();
      await db.insertInto('comment_versions').values(chunk.map((row) => ({ comment_id: row.id, version: 1, body: row.body, html: row.html, created_at: row.created_at }))).execute();
      chunk = [];
    };
    for (const row of rows) {
      chunk.push(row);
      if (chunk.length === ROWS_PER_INSERT) await flush();
    }
    await flush();
    for (const statement of RECOUNT_COMMENT_COUNTERS) await sql.raw(statement).execute(db);
    // Ids were given, so the identity has not moved past them yet.
    await sql`SELECT setval(pg_get_serial_sequence('comments', 'id'), (SELECT max(id) FROM comments))`.execute(db);
    await sql`ANALYZE comments, comment_versions, comment_counters`.execute(db);
    return (performance.now() - started) / 1000;
  } finally {
    await db.destroy();
  }
}
