import type { Kysely } from 'kysely';
import { autoId } from './portable';

// Questions put to respondents, and what a comment says about who wrote it. A question belongs to
// a section (answers live in that section's threads, counts and moderation like any comment) and
// is numbered across the consultation by `position`. An answer is a top-level comment with
// `question_id`; the respondent type ('individual' | 'organisation') and the organisation's name
// are stored on each comment, as the respondent said when writing it. Portable SQL only.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('questions')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('consultation_id', 'integer', (c) => c.notNull().references('consultations.id').onDelete('cascade'))
    .addColumn('section_id', 'integer', (c) => c.notNull().references('sections.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('questions_consultation_position').on('questions').columns(['consultation_id', 'position']).execute();

  await db.schema.alterTable('comments').addColumn('question_id', 'integer', (c) => c.references('questions.id')).execute();
  await db.schema.alterTable('comments').addColumn('respondent_type', 'text').execute();
  await db.schema.alterTable('comments').addColumn('organisation_name', 'text').execute();
  // Answers per question (dashboard, exports, analysis per question).
  await db.schema.createIndex('comments_question').on('comments').columns(['question_id', 'status']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('comments_question').execute();
  for (const column of ['organisation_name', 'respondent_type', 'question_id']) {
    await db.schema.alterTable('comments').dropColumn(column).execute();
  }
  await db.schema.dropTable('questions').execute();
}
