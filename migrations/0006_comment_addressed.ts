import type { Kysely } from 'kysely';

// Follow-up columns for revisions: comments an editor marked "addressed in revision N", the passage
// a comment was written on (kept once re-anchoring first moves it), and who locked a section and why.
// Portable SQL only.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('comments').addColumn('addressed_revision_id', 'integer', (c) => c.references('revisions.id')).execute();
  await db.schema.alterTable('comments').addColumn('addressed_by', 'integer', (c) => c.references('users.id')).execute();
  await db.schema.alterTable('comments').addColumn('addressed_at', 'text').execute();
  // Null until the anchor first changes: until then the anchor columns themselves hold the passage
  // as written (on `revision_id`), so an orphaned comment can still link to it, highlighted.
  await db.schema.alterTable('comments').addColumn('original_block_id', 'text').execute();
  await db.schema.alterTable('comments').addColumn('original_start', 'integer').execute();
  await db.schema.alterTable('comments').addColumn('original_end', 'integer').execute();
  // Orphaned comments of a section, listed apart from the others.
  await db.schema.createIndex('comments_section_anchor_state').on('comments').columns(['section_id', 'anchor_state', 'created_at']).execute();

  await db.schema.alterTable('sections').addColumn('locked_by', 'integer', (c) => c.references('users.id')).execute();
  await db.schema.alterTable('sections').addColumn('locked_reason', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('comments_section_anchor_state').execute();
  for (const column of ['original_end', 'original_start', 'original_block_id', 'addressed_at', 'addressed_by', 'addressed_revision_id']) {
    await db.schema.alterTable('comments').dropColumn(column).execute();
  }
  for (const column of ['locked_reason', 'locked_by']) await db.schema.alterTable('sections').dropColumn(column).execute();
}
