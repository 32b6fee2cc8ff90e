import type { Kysely } from 'kysely';

// How each re-anchoring placed a comment, so editors can check the unsure ones: the method
// ('exact' words at the mapped place, the passage's own edited words by 'diff', a 'fuzzy'
// look-alike, or 'editor' when an editor re-pointed it), a score from 0 to 1, and who checked it
// and when (null until checked; cleared when a later re-anchoring moves it again). Portable SQL only.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('comments').addColumn('anchor_method', 'text').execute();
  await db.schema.alterTable('comments').addColumn('anchor_score', 'real').execute();
  await db.schema.alterTable('comments').addColumn('anchor_checked_by', 'integer', (c) => c.references('users.id')).execute();
  await db.schema.alterTable('comments').addColumn('anchor_checked_at', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of ['anchor_checked_at', 'anchor_checked_by', 'anchor_score', 'anchor_method']) {
    await db.schema.alterTable('comments').dropColumn(column).execute();
  }
}
