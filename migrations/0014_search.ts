import { type Kysely, sql } from 'kysely';
import { isPostgres } from './portable';

// Full-text search (SQLite FTS5), fed by triggers so every write that changes searchable text
// updates the index in its own transaction. Comments: an external-content index over `comments`
// with the filters (status, consultation, section, kind) as indexed columns, so a filtered search
// intersects posting lists instead of checking rows one by one. Section text: one row per revision
// (append-only), the blocks' plain text; a search joins the sections' current revisions.
// The day and month a comment was posted are indexed as tokens (d20261203, m202612) through a view,
// so a date range is a handful of OR-ed tokens rather than a check of every matching row.
const TOKENIZE = `tokenize = 'porter unicode61 remove_diacritics 2'`;
const COMMENT_COLUMNS = 'body, status, consultation_id, section_id, kind, day, month';
const INDEXED = ['body', 'status', 'consultation_id', 'section_id', 'kind'];
const day = (row: string) => `'d' || replace(substr(${row}.created_at, 1, 10), '-', '')`;
const month = (row: string) => `'m' || replace(substr(${row}.created_at, 1, 7), '-', '')`;
const values = (row: string) => [...INDEXED.map((c) => `${row}.${c}`), day(row), month(row)].join(', ');

// PostgreSQL: GIN indexes over expressions (no extra column, so `selectAll` is the same on both
// engines), kept by PostgreSQL itself in the writing transaction. Section text: the blocks' plain
// text through an IMMUTABLE function, so it can be indexed. The search repository repeats these
// expressions exactly (`comments_tsv`, `revisions_tsv`) so the planner uses the indexes.
// `agora_search` stems English like FTS5's porter tokenizer and, like it, keeps every word (no
// stop-word list: a search for "and" finds "and").
const POSTGRES = [
  `CREATE TEXT SEARCH DICTIONARY agora_english (TEMPLATE = snowball, LANGUAGE = english)`,
  `CREATE TEXT SEARCH CONFIGURATION agora_search (COPY = english)`,
  `ALTER TEXT SEARCH CONFIGURATION agora_search ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part WITH agora_english`,
  `CREATE FUNCTION agora_blocks_text(blocks text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
     AS $$ SELECT coalesce(string_agg(block->>'text', E'\n'), '') FROM jsonb_array_elements(blocks::jsonb) AS block $$`,
  `CREATE INDEX comments_tsv ON comments USING gin (to_tsvector('agora_search', body))`,
  `CREATE INDEX revisions_tsv ON revisions USING gin (to_tsvector('agora_search', agora_blocks_text(blocks_json)))`,
];

export async function up(db: Kysely<any>): Promise<void> {
  const statements = isPostgres(db) ? POSTGRES : [
    `CREATE VIEW comments_search AS SELECT id, ${INDEXED.join(', ')}, ${day('comments')} AS day, ${month('comments')} AS month FROM comments`,
    `CREATE VIRTUAL TABLE comments_fts USING fts5(${COMMENT_COLUMNS}, content = 'comments_search', content_rowid = 'id', ${TOKENIZE})`,
    `CREATE TRIGGER comments_fts_insert AFTER INSERT ON comments BEGIN
       INSERT INTO comments_fts (rowid, ${COMMENT_COLUMNS}) VALUES (new.id, ${values('new')});
     END`,
    `CREATE TRIGGER comments_fts_delete AFTER DELETE ON comments BEGIN
       INSERT INTO comments_fts (comments_fts, rowid, ${COMMENT_COLUMNS}) VALUES ('delete', old.id, ${values('old')});
     END`,
    `CREATE TRIGGER comments_fts_update AFTER UPDATE OF ${INDEXED.join(', ')}, created_at ON comments BEGIN
       INSERT INTO comments_fts (comments_fts, rowid, ${COMMENT_COLUMNS}) VALUES ('delete', old.id, ${values('old')});
       INSERT INTO comments_fts (rowid, ${COMMENT_COLUMNS}) VALUES (new.id, ${values('new')});
     END`,
    `INSERT INTO comments_fts (comments_fts) VALUES ('rebuild')`,
    `CREATE VIRTUAL TABLE revisions_fts USING fts5(text, ${TOKENIZE})`,
    `CREATE TRIGGER revisions_fts_insert AFTER INSERT ON revisions BEGIN
       INSERT INTO revisions_fts (rowid, text)
       VALUES (new.id, (SELECT group_concat(json_extract(value, '$.text'), char(10)) FROM json_each(new.blocks_json)));
     END`,
    `INSERT INTO revisions_fts (rowid, text)
       SELECT revisions.id, (SELECT group_concat(json_extract(value, '$.text'), char(10)) FROM json_each(revisions.blocks_json)) FROM revisions`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    for (const statement of ['DROP INDEX revisions_tsv', 'DROP INDEX comments_tsv', 'DROP FUNCTION agora_blocks_text', 'DROP TEXT SEARCH CONFIGURATION agora_search', 'DROP TEXT SEARCH DICTIONARY agora_english']) await sql.raw(statement).execute(db);
    return;
  }
  for (const name of ['comments_fts_insert', 'comments_fts_delete', 'comments_fts_update', 'revisions_fts_insert']) {
    await sql.raw(`DROP TRIGGER ${name}`).execute(db);
  }
  await sql.raw('DROP TABLE comments_fts').execute(db);
  await sql.raw('DROP VIEW comments_search').execute(db);
  await sql.raw('DROP TABLE revisions_fts').execute(db);
}
