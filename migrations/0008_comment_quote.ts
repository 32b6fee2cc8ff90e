import type { Kysely } from 'kysely';

// The words a comment's author quoted, kept for ever: re-anchoring rewrites `quote_exact` to the
// passage's current words, and a reader must still see what the author actually quoted.
// Backfilled from the passage as written (the `original_*` columns, or the anchor columns while
// those are null) in the revision the comment was written on. Portable SQL only.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('comments').addColumn('quote_posted', 'text').execute();
  await backfillPostedQuotes(db);
}

/** Sets `quote_posted` of anchored comments from the passage as written in their revision. */
export async function backfillPostedQuotes(db: Kysely<any>): Promise<void> {
  const rows: { id: number; blocks_json: string; block_id: string; start: number; end: number }[] = await db
    .selectFrom('comments')
    .innerJoin('revisions', 'revisions.id', 'comments.revision_id')
    .select([
      'comments.id as id',
      'revisions.blocks_json as blocks_json',
      (eb) => eb.fn.coalesce('comments.original_block_id', 'comments.block_id').as('block_id'),
      (eb) => eb.fn.coalesce('comments.original_start', 'comments.anchor_start').as('start'),
      (eb) => eb.fn.coalesce('comments.original_end', 'comments.anchor_end').as('end'),
    ])
    .where('comments.block_id', 'is not', null)
    .execute();
  for (const row of rows) {
    const blocks = JSON.parse(row.blocks_json) as { id: string; text: string }[];
    const text = blocks.find((block) => block.id === row.block_id)?.text;
    if (text === undefined || row.start === null || row.end === null) continue;
    await db.updateTable('comments').set({ quote_posted: text.slice(row.start, row.end) }).where('id', '=', row.id).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('comments').dropColumn('quote_posted').execute();
}
