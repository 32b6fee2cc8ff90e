import type { Kysely } from 'kysely';
import { autoId } from './portable';

// Reports, the public moderation log, official answers in closed threads and pre-moderation.
// Portable SQL only.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('reports')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('comment_id', 'integer', (c) => c.notNull().references('comments.id').onDelete('cascade'))
    .addColumn('reporter_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    // spam | abuse | off-topic | duplicate | other
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    // open | dismissed | actioned
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('resolved_by', 'integer', (c) => c.references('users.id'))
    .addColumn('resolved_at', 'text')
    // One report per person per comment.
    .addUniqueConstraint('reports_comment_reporter', ['comment_id', 'reporter_id'])
    .execute();
  // The queue's open reports of a comment; reports made by one person (FK lookups).
  await db.schema.createIndex('reports_comment_status').on('reports').columns(['comment_id', 'status']).execute();
  await db.schema.createIndex('reports_reporter').on('reports').column('reporter_id').execute();

  // Append-only: the app inserts and reads, never updates or deletes. No foreign keys on what an
  // entry is about, so nothing elsewhere can be blocked by (or silently remove) the record.
  await db.schema
    .createTable('moderation_log')
    .addColumn('id', 'integer', autoId(db))
    // Null when the system acted (a comment hidden after enough reports).
    .addColumn('actor_id', 'integer')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('comment_id', 'integer')
    .addColumn('user_id', 'integer')
    // Where it happened: the comment's section, or the section whose comments were closed.
    .addColumn('section_id', 'integer')
    .addColumn('reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('moderation_log_newest').on('moderation_log').columns(['created_at', 'id']).execute();

  // Open reports, counted where they are read (the queue and the auto-hide threshold).
  await db.schema.alterTable('comments').addColumn('report_count', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  // 1 for an editor's or moderator's answer in a closed thread ("Official response").
  await db.schema.alterTable('comments').addColumn('official', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  // The moderation queue: reported comments and pending ones.
  await db.schema.createIndex('comments_reported').on('comments').columns(['report_count', 'created_at']).execute();
  await db.schema.createIndex('comments_status_created').on('comments').columns(['status', 'created_at']).execute();

  // 1: comments from new accounts wait for approval (see PREMODERATION_ACCOUNT_AGE_HOURS).
  await db.schema.alterTable('consultations').addColumn('premoderation', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('consultations').dropColumn('premoderation').execute();
  await db.schema.dropIndex('comments_status_created').execute();
  await db.schema.dropIndex('comments_reported').execute();
  for (const column of ['official', 'report_count']) await db.schema.alterTable('comments').dropColumn(column).execute();
  await db.schema.dropTable('moderation_log').execute();
  await db.schema.dropTable('reports').execute();
}
