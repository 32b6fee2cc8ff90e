import { type Kysely, sql } from 'kysely';
import { autoId } from './portable';

// Proposed edits to sections and their discussion. Portable SQL only.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('proposals')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('section_id', 'integer', (c) => c.notNull().references('sections.id').onDelete('cascade'))
    // The revision the author started from: the common ancestor of a three-way merge.
    .addColumn('base_revision_id', 'integer', (c) => c.notNull().references('revisions.id'))
    .addColumn('author_id', 'integer', (c) => c.references('users.id'))
    .addColumn('markdown', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    // draft | open | merged | rejected | withdrawn
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('decision_note', 'text')
    .addColumn('decided_by', 'integer', (c) => c.references('users.id'))
    .addColumn('decided_at', 'text')
    .addColumn('merged_revision_id', 'integer', (c) => c.references('revisions.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .execute();

  // One draft per author per section: saving a draft updates it.
  await db.schema
    .createIndex('proposals_one_draft')
    .on('proposals')
    .unique()
    .columns(['section_id', 'author_id'])
    .where(sql.ref('status'), '=', 'draft')
    .execute();
  // A section's proposals by status, newest first, and the counts by status.
  await db.schema.createIndex('proposals_section_status').on('proposals').columns(['section_id', 'status', 'submitted_at', 'id']).execute();
  // Foreign-key lookups when an account goes away.
  await db.schema.createIndex('proposals_author').on('proposals').column('author_id').execute();

  await db.schema
    .createTable('proposal_comments')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('proposal_id', 'integer', (c) => c.notNull().references('proposals.id').onDelete('cascade'))
    .addColumn('author_id', 'integer', (c) => c.references('users.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    // Rendered once at write time by the one Markdown module.
    .addColumn('html', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('proposal_comments_proposal').on('proposal_comments').columns(['proposal_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('proposal_comments_author').on('proposal_comments').column('author_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('proposal_comments').execute();
  await db.schema.dropTable('proposals').execute();
}
