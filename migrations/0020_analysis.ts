import type { Kysely } from 'kysely';
import { autoId } from './portable';

// Response analysis (issue 19): the background jobs that run it, campaigns of near-identical
// responses, themes with their assignments, and the log of every analyst's change.
// `active_consultation_id` is set only while a job is queued or running: its unique index is what
// keeps two analyses of one consultation from running at once (NULLs never collide).
// A scope is ('consultation', null) or ('section', section id); a question scope can be added as a
// third kind without a new column. Portable SQL only.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('analysis_jobs')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('consultation_id', 'integer', (c) => c.notNull().references('consultations.id'))
    .addColumn('active_consultation_id', 'integer', (c) => c.unique())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('scope_id', 'integer')
    .addColumn('theme_count', 'integer')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('progress', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .addColumn('requested_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    .execute();
  await db.schema.createIndex('analysis_jobs_consultation').on('analysis_jobs').columns(['consultation_id', 'id']).execute();

  await db.schema
    .createTable('analysis_campaigns')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('consultation_id', 'integer', (c) => c.notNull().references('consultations.id'))
    .addColumn('representative_id', 'integer', (c) => c.notNull().references('comments.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('analysis_campaigns_consultation').on('analysis_campaigns').column('consultation_id').execute();

  // One row per response an analysis has seen, with its section and kind (for counts by kind);
  // campaign_id null: a response of its own. pinned 1: a person split it out or joined it, and
  // grouping never moves it again.
  await db.schema
    .createTable('analysis_responses')
    .addColumn('comment_id', 'integer', (c) => c.primaryKey().references('comments.id'))
    .addColumn('consultation_id', 'integer', (c) => c.notNull())
    .addColumn('section_id', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('campaign_id', 'integer', (c) => c.references('analysis_campaigns.id'))
    .addColumn('pinned', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('analysis_responses_campaign').on('analysis_responses').columns(['campaign_id', 'comment_id']).execute();
  await db.schema.createIndex('analysis_responses_consultation').on('analysis_responses').columns(['consultation_id', 'comment_id']).execute();

  await db.schema
    .createTable('analysis_themes')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('consultation_id', 'integer', (c) => c.notNull().references('consultations.id'))
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('scope_id', 'integer')
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('key_phrases', 'text', (c) => c.notNull())
    .addColumn('centroid', 'text', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('response_markdown', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .execute();
  await db.schema.createIndex('analysis_themes_scope').on('analysis_themes').columns(['consultation_id', 'scope', 'scope_id']).execute();

  // state: 'proposed' by the engine, 'curated' by a person (never overwritten), 'excluded' when a
  // person took the response out (the engine never suggests it there again).
  await db.schema
    .createTable('analysis_theme_assignments')
    .addColumn('theme_id', 'integer', (c) => c.notNull().references('analysis_themes.id'))
    .addColumn('comment_id', 'integer', (c) => c.notNull().references('comments.id'))
    .addColumn('score', 'real', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('analysis_theme_assignments_pk', ['theme_id', 'comment_id'])
    .execute();
  await db.schema.createIndex('analysis_theme_assignments_comment').on('analysis_theme_assignments').column('comment_id').execute();

  await db.schema
    .createTable('analysis_changes')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('consultation_id', 'integer', (c) => c.notNull().references('consultations.id'))
    .addColumn('actor_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('analysis_changes_consultation').on('analysis_changes').columns(['consultation_id', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['analysis_changes', 'analysis_theme_assignments', 'analysis_themes', 'analysis_responses', 'analysis_campaigns', 'analysis_jobs']) {
    await db.schema.dropTable(table).execute();
  }
}
