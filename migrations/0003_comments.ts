import type { Kysely } from 'kysely';
import { autoId } from './portable';

// Comments anchored to passages, their edit history and endorsements. Portable SQL only.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('comments')
    .addColumn('id', 'integer', autoId(db))
    // Denormalised from the section so consultation-wide feeds and counts need no join.
    .addColumn('consultation_id', 'integer', (c) => c.notNull().references('consultations.id').onDelete('cascade'))
    .addColumn('section_id', 'integer', (c) => c.notNull().references('sections.id').onDelete('cascade'))
    .addColumn('revision_id', 'integer', (c) => c.notNull().references('revisions.id'))
    .addColumn('parent_id', 'integer', (c) => c.references('comments.id'))
    // The thread's top-level comment (null for top-level comments), so a thread loads in one query.
    .addColumn('root_id', 'integer', (c) => c.references('comments.id'))
    .addColumn('depth', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('author_id', 'integer', (c) => c.references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    // Rendered once at write time by the one Markdown module; reads never render.
    .addColumn('html', 'text', (c) => c.notNull())
    .addColumn('normalized_body', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('visible'))
    .addColumn('hidden_reason', 'text')
    .addColumn('hidden_by', 'integer', (c) => c.references('users.id'))
    .addColumn('hidden_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('closed_note', 'text')
    .addColumn('block_id', 'text')
    // The block's position in its revision, so "position in the text" sorts in SQL.
    .addColumn('block_index', 'integer')
    .addColumn('quote_exact', 'text')
    .addColumn('quote_prefix', 'text')
    .addColumn('quote_suffix', 'text')
    .addColumn('anchor_start', 'integer')
    .addColumn('anchor_end', 'integer')
    .addColumn('anchor_state', 'text')
    .addColumn('endorsement_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('edited_at', 'text')
    .execute();

  // Section listing: top-level comments (root_id IS NULL) in each sort order, paged with LIMIT.
  await db.schema.createIndex('comments_section_newest').on('comments').columns(['section_id', 'root_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('comments_section_endorsed').on('comments').columns(['section_id', 'root_id', 'endorsement_count', 'id']).execute();
  await db.schema.createIndex('comments_section_position').on('comments').columns(['section_id', 'root_id', 'block_index', 'anchor_start', 'id']).execute();
  // The kind and block filters (newest first), and the per-block counts of the margin markers
  // (covering: status and author_id are what the visibility filter reads).
  await db.schema.createIndex('comments_section_kind').on('comments').columns(['section_id', 'root_id', 'kind', 'created_at', 'id']).execute();
  await db.schema
    .createIndex('comments_section_block')
    .on('comments')
    .columns(['section_id', 'block_id', 'root_id', 'created_at', 'id', 'status', 'author_id'])
    .execute();
  // Replies of the listed threads.
  await db.schema.createIndex('comments_root').on('comments').columns(['root_id', 'created_at']).execute();
  await db.schema.createIndex('comments_section_normalized').on('comments').columns(['section_id', 'normalized_body']).execute();
  // Feeds (newest first) and counts by kind, both filtered by status.
  await db.schema.createIndex('comments_section_status_created').on('comments').columns(['section_id', 'status', 'created_at']).execute();
  await db.schema.createIndex('comments_consultation_status_created').on('comments').columns(['consultation_id', 'status', 'created_at']).execute();
  await db.schema
    .createIndex('comments_consultation_counts')
    .on('comments')
    .columns(['consultation_id', 'root_id', 'status', 'section_id', 'kind', 'author_id'])
    .execute();
  // Foreign-key lookups when an account goes away.
  await db.schema.createIndex('comments_author').on('comments').column('author_id').execute();

  await db.schema
    .createTable('comment_versions')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('comment_id', 'integer', (c) => c.notNull().references('comments.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('html', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('comment_versions_comment_version', ['comment_id', 'version'])
    .execute();

  await db.schema
    .createTable('endorsements')
    .addColumn('comment_id', 'integer', (c) => c.notNull().references('comments.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('endorsements_pk', ['comment_id', 'user_id'])
    .execute();
  await db.schema.createIndex('endorsements_user').on('endorsements').columns(['user_id', 'comment_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['endorsements', 'comment_versions', 'comments']) {
    await db.schema.dropTable(table).execute();
  }
}
