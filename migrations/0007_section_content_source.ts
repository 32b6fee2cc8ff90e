import type { Kysely } from 'kysely';

// The section text as last loaded from content/: the base for merging a changed file into a
// section that editors have changed online since, so a restart never undoes their work.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sections').addColumn('content_markdown', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sections').dropColumn('content_markdown').execute();
}
