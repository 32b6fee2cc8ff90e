import type { Kysely } from 'kysely';

// "You said, we did" (issue 19, point 4): the versions that changed because of a theme, and the
// responses an editor listed as "not themed" (so that every response is either in a theme or
// explicitly left out of them before the outcome is published). The body's response to a theme is
// analysis_themes.response_markdown (0020). Portable SQL only.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('analysis_theme_revisions')
    .addColumn('theme_id', 'integer', (c) => c.notNull().references('analysis_themes.id'))
    .addColumn('revision_id', 'integer', (c) => c.notNull().references('revisions.id'))
    .addPrimaryKeyConstraint('analysis_theme_revisions_pk', ['theme_id', 'revision_id'])
    .execute();

  await db.schema
    .createTable('analysis_not_themed')
    .addColumn('consultation_id', 'integer', (c) => c.notNull().references('consultations.id'))
    .addColumn('comment_id', 'integer', (c) => c.notNull().references('comments.id'))
    .addColumn('marked_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('marked_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('analysis_not_themed_pk', ['consultation_id', 'comment_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('analysis_not_themed').execute();
  await db.schema.dropTable('analysis_theme_revisions').execute();
}
