import type { Kysely } from 'kysely';
import { autoId } from './portable';

// Moderation of proposals and their discussion (pre-moderation, reports, hide and restore), and
// reports weighted by how established the reporter is. Portable SQL only.
export async function up(db: Kysely<any>): Promise<void> {
  // 1 for an established reporter, less for a new account or one without history.
  await db.schema.alterTable('reports').addColumn('weight', 'real', (c) => c.notNull().defaultTo(1)).execute();
  // Comments hidden by reports now carry no reason: their notice says they wait for a moderator.
  await db.updateTable('comments').set({ hidden_reason: null }).where('status', '=', 'hidden').where('hidden_by', 'is', null).execute();

  for (const table of ['proposals', 'proposal_comments']) {
    // visible | pending | hidden (a proposal's own `status` is its review state).
    await db.schema.alterTable(table).addColumn('moderation', 'text', (c) => c.notNull().defaultTo('visible')).execute();
    await db.schema.alterTable(table).addColumn('hidden_reason', 'text').execute();
    await db.schema.alterTable(table).addColumn('hidden_by', 'integer', (c) => c.references('users.id')).execute();
    await db.schema.alterTable(table).addColumn('hidden_at', 'text').execute();
    await db.schema.alterTable(table).addColumn('report_count', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    // The moderation queue: pending or reported items.
    await db.schema.createIndex(`${table}_moderation`).on(table).columns(['moderation', 'report_count']).execute();
  }

  await db.schema
    .createTable('proposal_reports')
    .addColumn('id', 'integer', autoId(db))
    // proposal | proposal-comment; no foreign key, so one table serves both.
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('target_id', 'integer', (c) => c.notNull())
    .addColumn('reporter_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('weight', 'real', (c) => c.notNull().defaultTo(1))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('resolved_by', 'integer', (c) => c.references('users.id'))
    .addColumn('resolved_at', 'text')
    .addUniqueConstraint('proposal_reports_target_reporter', ['target', 'target_id', 'reporter_id'])
    .execute();
  await db.schema.createIndex('proposal_reports_open').on('proposal_reports').columns(['target', 'target_id', 'status']).execute();
  await db.schema.createIndex('proposal_reports_reporter').on('proposal_reports').column('reporter_id').execute();

  await db.schema.alterTable('moderation_log').addColumn('proposal_id', 'integer').execute();
  await db.schema.alterTable('moderation_log').addColumn('proposal_comment_id', 'integer').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of ['proposal_comment_id', 'proposal_id']) await db.schema.alterTable('moderation_log').dropColumn(column).execute();
  await db.schema.dropTable('proposal_reports').execute();
  for (const table of ['proposal_comments', 'proposals']) {
    await db.schema.dropIndex(`${table}_moderation`).execute();
    for (const column of ['report_count', 'hidden_at', 'hidden_by', 'hidden_reason', 'moderation']) await db.schema.alterTable(table).dropColumn(column).execute();
  }
  await db.schema.alterTable('reports').dropColumn('weight').execute();
}
