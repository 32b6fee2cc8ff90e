import { type Kysely, sql } from 'kysely';

// The outcome page quotes the comments each published version addressed. With no index on
// addressed_revision_id, SQLite read every visible comment to find them (50 ms for 67,000, on a
// public page). Few comments are ever marked, so the index holds only those: a new comment, not
// marked, does not touch it.
const INDEX = 'comments_addressed_revision';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex(INDEX).on('comments').columns(['addressed_revision_id', 'id']).where(sql.ref('addressed_revision_id'), 'is not', null).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex(INDEX).execute();
}
