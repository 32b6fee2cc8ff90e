import type { Kysely } from 'kysely';

// Campaigns grouped as responses arrive (issue 19): the LSH band index of response MinHash
// signatures. A row says "this response's signature has this band key"; a new response looks up
// its 32 band keys in one query and meets the responses it may copy. Keys are signed 32-bit
// integers (PostgreSQL's integer). A bucket holds a few responses only: the rest of a campaign is
// reached through them.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('analysis_campaign_bands')
    .addColumn('consultation_id', 'integer', (c) => c.notNull().references('consultations.id'))
    .addColumn('band_key', 'integer', (c) => c.notNull())
    .addColumn('comment_id', 'integer', (c) => c.notNull().references('comments.id'))
    .addPrimaryKeyConstraint('analysis_campaign_bands_pk', ['consultation_id', 'band_key', 'comment_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('analysis_campaign_bands').execute();
}
