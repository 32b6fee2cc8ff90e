import { type Kysely, sql } from 'kysely';
import { isPostgres } from './portable';

// A section's threads in reading order put whole-section comments (no passage) first: block_index
// and anchor_start NULLS FIRST. SQLite's ascending indexes hold NULLs first already; PostgreSQL's
// hold them last, so it sorted every thread of the section (148 ms for ~53,000) instead of reading
// the first page off this index. On PostgreSQL the index is rebuilt in the order the page reads.
const INDEX = 'comments_section_position';

export async function up(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  await db.schema.dropIndex(INDEX).execute();
  await sql`CREATE INDEX ${sql.id(INDEX)} ON comments (section_id, root_id, block_index NULLS FIRST, anchor_start NULLS FIRST, id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  await db.schema.dropIndex(INDEX).execute();
  await db.schema.createIndex(INDEX).on('comments').columns(['section_id', 'root_id', 'block_index', 'anchor_start', 'id']).execute();
}
