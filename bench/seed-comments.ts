/**
 * Seeds comments straight into an Agora database with raw better-sqlite3, in large transactions:
 * a million rows in well under a minute, where the HTTP API would take hours. Rows are what
 * `createComment` writes (migrations 0003–0006): rendered HTML, the normalised body the duplicate
 * check reads, version 1 in `comment_versions`, anchors resolved against the section's current
 * revision, replies pointing at their thread. No live events are written (they would be pruned).
 * `seedCommentRows` makes the rows, so the PostgreSQL benchmark seeds the same ones (lib/postgres-data.ts).
 *
 *   npx tsx bench/seed-comments.ts <DATA_DIR> [count]   # migrates and loads content first
 */
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import SQLite from 'better-sqlite3';
import type { Selectable } from 'kysely';
import type { CommentsTable } from '../server/db/schema';
import { normalizeForDuplicates } from '../server/features/comments/comments.duplicates';
import { anchorAt } from '../server/features/comments/anchoring/reanchor';
import type { Block } from '../server/markdown/render';
import { BENCH_CONSULTATION, BENCH_SECTION, prepareDataDir } from './lib/agora-data';
import { sampleCommentBody, sampleCommentHtml } from './lib/sample-comment';

export interface SeedOptions {
  /** Comments on the benchmarks' section (bench/lib/agora-data.ts), all visible. */
  readonly benchSectionComments: number;
  /** Comments spread evenly over every other section of both consultations. */
  readonly otherComments?: number;
  /** Accounts the comments are spread over (created here). */
  readonly authors: number;
}

export interface SeedResult {
  readonly comments: number;
  readonly seconds: number;
}

const ROWS_PER_TRANSACTION = 20_000;
const KINDS = ['support', 'object', 'question', 'suggestion', 'evidence', 'general'] as const;
/** One comment in five is a reply; two top-level comments in five quote a passage. */
const REPLY_SHARE = 0.2;
const ANCHORED_SHARE = 0.4;
/** Threads a reply may join: the section's most recent top-level comments. */
const RECENT_ROOTS = 50;

interface SeedSection {
  id: number;
  consultationId: number;
  slug: string;
  consultationSlug: string;
  revisionId: number;
  blocks: Block[];
  recentRoots: number[];
}

/** Deterministic pseudo-random numbers (mulberry32), so every run seeds the same shapes. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The columns of one seeded `comments` row, ids given up front (replies name their thread's). */
export type SeedCommentRow = Pick<Selectable<CommentsTable>, (typeof COMMENT_COLUMNS)[number]>;

const COMMENT_COLUMNS = [
  'id', 'consultation_id', 'section_id', 'revision_id', 'parent_id', 'root_id', 'depth', 'author_id', 'kind', 'body', 'html', 'normalized_body',
  'status', 'hidden_reason', 'hidden_at', 'block_id', 'block_index', 'quote_exact', 'quote_prefix', 'quote_suffix', 'anchor_start', 'anchor_end', 'anchor_state', 'created_at',
] as const;

/** A section as the seeder needs it; `blocks` parsed from the current revision's `blocks_json`. */
export type SeedSectionRow = Omit<SeedSection, 'recentRoots'>;

/**
 * Where the comments go: `benchSectionComments` on the benchmarks' section (all visible), then
 * `otherComments` spread over every other section, or all on `crowdedSection` when it is named.
 */
export interface SeedPlan extends SeedOptions {
  /** Slug of one other section of the benchmarks' consultation that takes every other comment. */
  readonly crowdedSection?: string;
}

/**
 * Every comment row to seed, in id order from `firstId`, the same on every engine (deterministic).
 * Version 1 of each is `{comment_id: id, version: 1, body, html, created_at}` of the same row.
 */
export function* seedCommentRows(sectionRows: readonly SeedSectionRow[], authorIds: readonly number[], plan: SeedPlan, firstId: number): Generator<SeedCommentRow> {
  const sections: SeedSection[] = sectionRows.map((section) => ({ ...section, recentRoots: [] }));
  const benchSection = sections.find((s) => s.consultationSlug === BENCH_CONSULTATION && s.slug === BENCH_SECTION);
  if (!benchSection) throw new Error(`no section ${BENCH_CONSULTATION}/${BENCH_SECTION}: load the content first`);
  const others = plan.crowdedSection === undefined
    ? sections.filter((s) => s !== benchSection)
    : sections.filter((s) => s.consultationSlug === BENCH_CONSULTATION && s.slug === plan.crowdedSection);
  if (others.length === 0) throw new Error(`no section ${BENCH_CONSULTATION}/${plan.crowdedSection}`);
  const next = random(9);
  const total = plan.benchSectionComments + (plan.otherComments ?? 0);
  // Spread over the past week, oldest first, so every comment the benchmarks post is the newest.
  const firstAt = Date.now() - 7 * 24 * 60 * 60 * 1000;
  const step = (7 * 24 * 60 * 60 * 1000 - 60_000) / Math.max(1, total);
  for (let n = 0; n < total; n++) {
    const section = n < plan.benchSectionComments ? benchSection : others[n % others.length]!;
    const allVisible = section === benchSection;
    const id = firstId + n;
    const createdAt = new Date(firstAt + n * step).toISOString();
    const body = sampleCommentBody(n + 1, 'Seeded comment');
    const parent = next() < REPLY_SHARE ? section.recentRoots[Math.floor(next() * section.recentRoots.length)] : undefined;
    const block = parent === undefined && next() < ANCHORED_SHARE ? Math.floor(next() * section.blocks.length) : undefined;
    const anchor = block === undefined ? undefined : anchorAt(section.blocks[block]!, 0, Math.min(40, section.blocks[block]!.text.length));
    const roll = allVisible ? 1 : next();
    const status = roll < 0.01 ? 'hidden' : roll < 0.02 ? 'deleted' : roll < 0.03 ? 'pending' : 'visible';
    yield {
      id, consultation_id: section.consultationId, section_id: section.id, revision_id: section.revisionId,
      parent_id: parent ?? null, root_id: parent ?? null, depth: parent === undefined ? 1 : 2,
      author_id: authorIds[Math.floor(next() * authorIds.length)]!, kind: KINDS[Math.floor(next() * KINDS.length)]!,
      body, html: sampleCommentHtml(body), normalized_body: normalizeForDuplicates(body),
      status, hidden_reason: status === 'hidden' ? 'Off-topic' : null, hidden_at: status === 'hidden' ? createdAt : null,
      block_id: anchor?.blockId ?? null, block_index: block ?? null, quote_exact: anchor?.exact ?? null, quote_prefix: anchor?.prefix ?? null,
      quote_suffix: anchor?.suffix ?? null, anchor_start: anchor?.start ?? null, anchor_end: anchor?.end ?? null,
      anchor_state: anchor ? 'anchored' : null, created_at: createdAt,
    };
    if (parent === undefined) {
      section.recentRoots.push(id);
      if (section.recentRoots.length > RECENT_ROOTS) section.recentRoots.shift();
    }
  }
}

/** Top-level comments counted as migration 0027's triggers count them, for a seeder that bypassed the triggers. */
export const RECOUNT_COMMENT_COUNTERS = [
  'DELETE FROM comment_counters',
  `INSERT INTO comment_counters (section_id, kind, block_id, status, n)
     SELECT section_id, kind, coalesce(block_id, ''), status, count(*) FROM comments WHERE root_id IS NULL GROUP BY 1, 2, 3, 4`,
];

export function seedComments(dbFile: string, options: SeedOptions): SeedResult {
  const started = performance.now();
  const db = new SQLite(dbFile);
  // Seeding is setup, not the thing measured: no journal (pages are written once, not to the WAL and
  // again at checkpoint), no fsync, a cache that holds the indexes. WAL is switched back on at the end.
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -1048576');
  // Index builds sort in memory, and on a helper thread where SQLite was built to allow it.
  db.pragma('temp_store = MEMORY');
  db.pragma('threads = 2');
  try {
    const sections = db
      .prepare(
        `SELECT s.id, s.consultation_id AS consultationId, s.slug, c.slug AS consultationSlug, r.id AS revisionId, r.blocks_json AS blocksJson
         FROM sections s JOIN consultations c ON c.id = s.consultation_id JOIN revisions r ON r.id = s.current_revision_id ORDER BY s.id`,
      )
      .all()
      .map((row) => {
        const { blocksJson, ...rest } = row as Omit<SeedSectionRow, 'blocks'> & { blocksJson: string };
        return { ...rest, blocks: JSON.parse(blocksJson) as Block[] };
      });
    const authorIds = insertAuthors(db, options.authors);
    const insertComment = db.prepare(`INSERT INTO comments (${COMMENT_COLUMNS.join(', ')}) VALUES (${COMMENT_COLUMNS.map((c) => `@${c}`).join(', ')})`);
    const insertVersion = db.prepare('INSERT INTO comment_versions (comment_id, version, body, html, created_at) VALUES (@id, 1, @body, @html, @created_at)');
    const firstId = (db.prepare('SELECT coalesce(max(id), 0) + 1 FROM comments').pluck().get() as number);
    const rows = seedCommentRows(sections, authorIds, options, firstId);

    // Filling bare tables and then building each index in one sorted pass is several times faster
    // than updating a dozen indexes row by row. The indexes are rebuilt from their own DDL.
    const indexes = db
      .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('comments', 'comment_versions') AND sql IS NOT NULL")
      .all() as { name: string; sql: string }[];
    for (const index of indexes) db.exec(`DROP INDEX "${index.name}"`);
    // Likewise the comment counters (migration 0027): counted once at the end, not upserted per row.
    const counterTriggers = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'comment_counters_%'").all() as { name: string; sql: string }[];
    for (const trigger of counterTriggers) db.exec(`DROP TRIGGER "${trigger.name}"`);

    const insertSome = db.transaction(() => {
      for (let i = 0; i < ROWS_PER_TRANSACTION; i++) {
        const row = rows.next();
        if (row.done) return false;
        insertComment.run(row.value);
        insertVersion.run(row.value);
      }
      return true;
    });
    while (insertSome()) { /* one transaction per ROWS_PER_TRANSACTION rows */ }
    const total = options.benchSectionComments + (options.otherComments ?? 0);
    for (const index of indexes) db.exec(index.sql);
    for (const statement of RECOUNT_COMMENT_COUNTERS) db.exec(statement);
    for (const trigger of counterTriggers) db.exec(trigger.sql);
    db.pragma('journal_mode = WAL');
    // Unsynced, ~2 GB would be written back by the kernel during the measurements that follow.
    const fd = fs.openSync(dbFile, 'r');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    return { comments: total, seconds: (performance.now() - started) / 1000 };
  } finally {
    db.close();
  }
}

function insertAuthors(db: SQLite.Database, count: number): number[] {
  const joined = new Date(Date.now() - 60 * 24 * 60 * 60 * 1000).toISOString();
  const insert = db.prepare(
    "INSERT INTO users (username, display_name, email, password_hash, role, created_at) VALUES (?, ?, NULL, 'not-a-password-hash', 'citizen', ?)",
  );
  return db.transaction(() => Array.from({ length: count }, (_, i) => Number(insert.run(`seed-${i + 1}`, `Seeded Citizen ${i + 1}`, joined).lastInsertRowid)))();
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [dataDir, count = '1000000'] = process.argv.slice(2);
  if (!dataDir || !/^\d+$/.test(count)) {
    console.error('usage: npx tsx bench/seed-comments.ts <DATA_DIR> [count]');
    process.exit(2);
  }
  const dbFile = await prepareDataDir(dataDir);
  const result = seedComments(dbFile, { benchSectionComments: 1_000, otherComments: Math.max(0, Number(count) - 1_000), authors: 10_000 });
  console.log(`${result.comments.toLocaleString('en')} comments in ${result.seconds.toFixed(1)} s → ${dbFile}`);
}
