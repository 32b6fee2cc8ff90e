import type { Kysely } from 'kysely';
import { autoId } from './portable';

// Suggestions: proposals on one passage of one block, and their supports. Portable SQL only.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('suggestions')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('section_id', 'integer', (c) => c.notNull().references('sections.id').onDelete('cascade'))
    .addColumn('author_id', 'integer', (c) => c.references('users.id'))
    // Null while the suggestion waits in its author's basket; set when the basket is sent.
    .addColumn('proposal_id', 'integer', (c) => c.references('proposals.id').onDelete('cascade'))
    .addColumn('base_revision_id', 'integer', (c) => c.notNull().references('revisions.id'))
    // The block (index into the base revision's blocks, and its id) and the range of its Markdown source replaced.
    .addColumn('block_index', 'integer', (c) => c.notNull())
    .addColumn('block_id', 'text', (c) => c.notNull())
    .addColumn('source_start', 'integer', (c) => c.notNull())
    .addColumn('source_end', 'integer', (c) => c.notNull())
    .addColumn('original', 'text', (c) => c.notNull())
    .addColumn('replacement', 'text', (c) => c.notNull())
    // The changed stretch of the block's plain text (comment anchors count in it).
    .addColumn('text_start', 'integer', (c) => c.notNull())
    .addColumn('text_end', 'integer', (c) => c.notNull())
    // The block's plain text before and after, for the word diff readers see in place.
    .addColumn('text_before', 'text', (c) => c.notNull())
    .addColumn('text_after', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    // draft | open | accepted | rejected
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('decision_note', 'text')
    .addColumn('decided_by', 'integer', (c) => c.references('users.id'))
    .addColumn('decided_at', 'text')
    .addColumn('merged_revision_id', 'integer', (c) => c.references('revisions.id'))
    .addColumn('support_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('suggestions_section_status').on('suggestions').columns(['section_id', 'status', 'id']).execute();
  await db.schema.createIndex('suggestions_basket').on('suggestions').columns(['section_id', 'author_id', 'status']).execute();
  await db.schema.createIndex('suggestions_proposal').on('suggestions').column('proposal_id').execute();

  await db.schema
    .createTable('suggestion_supports')
    .addColumn('suggestion_id', 'integer', (c) => c.notNull().references('suggestions.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('suggestion_supports_pk', ['suggestion_id', 'user_id'])
    .execute();
  await db.schema.createIndex('suggestion_supports_user').on('suggestion_supports').column('user_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('suggestion_supports').execute();
  await db.schema.dropTable('suggestions').execute();
}
