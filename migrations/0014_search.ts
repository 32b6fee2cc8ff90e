import { type Kysely, sql } from 'kysely';

// Full-text search (SQLite FTS5), fed by triggers so every write that changes searchable text
// updates the index in its own transaction. Comments: an external-content index over `comments`
// with the filters (status, consultation, section, kind) as indexed columns, so a filtered search
// intersects posting lists instead of checking rows one by one. Section text: one row per revision
// (append-only), the blocks' plain text; a search joins the sections' current revisions.
const TOKENIZE = `tokenize = 'porter unicode61 remove_diacritics 2'`;
const COMMENT_COLUMNS = 'body, status, consultation_id, section_id, kind';
const oldValues = COMMENT_COLUMNS.split(', ').map((c) => `old.${c}`).join(', ');
const newValues = COMMENT_COLUMNS.split(', ').map((c) => `new.${c}`).join(', ');

export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    `CREATE VIRTUAL TABLE comments_fts USING fts5(${COMMENT_COLUMNS}, content = 'comments', content_rowid = 'id', ${TOKENIZE})`,
    `CREATE TRIGGER comments_fts_insert AFTER INSERT ON comments BEGIN
       INSERT INTO comments_fts (rowid, ${COMMENT_COLUMNS}) VALUES (new.id, ${newValues});
     END`,
    `CREATE TRIGGER comments_fts_delete AFTER DELETE ON comments BEGIN
       INSERT INTO comments_fts (comments_fts, rowid, ${COMMENT_COLUMNS}) VALUES ('delete', old.id, ${oldValues});
     END`,
    `CREATE TRIGGER comments_fts_update AFTER UPDATE OF ${COMMENT_COLUMNS} ON comments BEGIN
       INSERT INTO comments_fts (comments_fts, rowid, ${COMMENT_COLUMNS}) VALUES ('delete', old.id, ${oldValues});
       INSERT INTO comments_fts (rowid, ${COMMENT_COLUMNS}) VALUES (new.id, ${newValues});
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
  for (const name of ['comments_fts_insert', 'comments_fts_delete', 'comments_fts_update', 'revisions_fts_insert']) {
    await sql.raw(`DROP TRIGGER ${name}`).execute(db);
  }
  await sql.raw('DROP TABLE comments_fts').execute(db);
  await sql.raw('DROP TABLE revisions_fts').execute(db);
}
