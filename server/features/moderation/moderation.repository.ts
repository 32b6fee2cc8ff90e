import type { Insertable } from 'kysely';
import type { Db } from '../../db/database';
import type { ModerationLogTable, ReportsTable, ReportStatus } from '../../db/schema';
import { commentQuery } from '../comments/comments.service';

/** Adds the report unless this person already reported the comment; true when it was added. */
export async function insertReport(db: Db, values: Insertable<ReportsTable>): Promise<boolean> {
  const result = await db
    .insertInto('reports')
    .values(values)
    .onConflict((oc) => oc.columns(['comment_id', 'reporter_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Counts one more open report on the comment; returns the new count. */
export async function countReport(db: Db, commentId: number): Promise<number> {
  const row = await db
    .updateTable('comments')
    .set((eb) => ({ report_count: eb('report_count', '+', 1) }))
    .where('id', '=', commentId)
    .returning('report_count')
    .executeTakeFirstOrThrow();
  return row.report_count;
}

/** The summed weight of the comment's open reports. */
export async function openReportWeight(db: Db, commentId: number): Promise<number> {
  const row = await db
    .selectFrom('reports')
    .select((eb) => eb.fn.sum<number>('weight').as('weight'))
    .where('comment_id', '=', commentId)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(row?.weight ?? 0);
}

/** Closes the comment's open reports as dismissed or actioned, and its open count with them. */
export async function resolveReports(db: Db, commentId: number, status: Exclude<ReportStatus, 'open'>, by: number | null, at: string): Promise<void> {
  await db.updateTable('reports').set({ status, resolved_by: by, resolved_at: at }).where('comment_id', '=', commentId).where('status', '=', 'open').execute();
  await db.updateTable('comments').set({ report_count: 0 }).where('id', '=', commentId).execute();
}

/** One page of the queue: comments with open reports (most reported first) and comments waiting for approval, oldest first. */
export async function listQueue(db: Db, limit: number, offset: number) {
  return commentQuery(db)
    .innerJoin('sections', 'sections.id', 'comments.section_id')
    .innerJoin('consultations', 'consultations.id', 'comments.consultation_id')
    .select(['sections.slug as section_slug', 'sections.title as section_title', 'consultations.slug as consultation_slug'])
    // The two sets by their own indexes, then the page: with one OR condition SQLite walked the
    // whole of comments_reported in page order and looked up every comment's status (224 ms for
    // 67,000 comments, on the thread every request needs).
    .where('comments.id', 'in', (eb) =>
      eb
        .selectFrom('comments as waiting')
        .select('waiting.id')
        .where('waiting.status', '=', 'pending')
        .unionAll(eb.selectFrom('comments as reported').select('reported.id').where('reported.report_count', '>', 0).where('reported.status', '!=', 'deleted')),
    )
    .orderBy('comments.report_count', 'desc')
    .orderBy('comments.created_at')
    .orderBy('comments.id')
    .limit(limit)
    .offset(offset)
    .execute();
}

export type QueueRow = Awaited<ReturnType<typeof listQueue>>[number];

/** Comments by id (parents and thread starters shown as context). */
export async function findComments(db: Db, ids: number[]) {
  if (ids.length === 0) return [];
  return commentQuery(db).where('comments.id', 'in', ids).execute();
}

/** The open reports on these comments with who made them, oldest first. */
export async function openReports(db: Db, commentIds: number[]) {
  if (commentIds.length === 0) return [];
  return db
    .selectFrom('reports')
    .innerJoin('users', 'users.id', 'reports.reporter_id')
    .select(['reports.comment_id', 'reports.reason', 'reports.note', 'reports.created_at', 'users.username', 'users.display_name'])
    .where('reports.comment_id', 'in', commentIds)
    .where('reports.status', '=', 'open')
    .orderBy('reports.created_at')
    .orderBy('reports.id')
    .execute();
}

/** Each author's record: comments written, comments hidden, reports received on them. */
export async function authorHistories(db: Db, userIds: number[]) {
  if (userIds.length === 0) return [];
  return db
    .selectFrom('users')
    .select(['users.id', 'users.username', 'users.display_name', 'users.blocked_at', 'users.created_at'])
    .select((eb) => [
      eb.selectFrom('comments').select(eb.fn.countAll<number>().as('n')).whereRef('comments.author_id', '=', 'users.id').as('comment_count'),
      eb
        .selectFrom('comments')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('comments.author_id', '=', 'users.id')
        .where('comments.status', '=', 'hidden')
        .as('hidden_count'),
      eb
        .selectFrom('reports')
        .innerJoin('comments', 'comments.id', 'reports.comment_id')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('comments.author_id', '=', 'users.id')
        .as('report_count'),
    ])
    .where('users.id', 'in', userIds)
    .execute();
}

/** An account's comments others can read, that wait for approval, or that reports hid pending review. */
export async function commentsToHide(db: Db, authorId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('comments')
    .select('id')
    .where('author_id', '=', authorId)
    .where((eb) => eb.or([eb('status', 'in', ['visible', 'pending']), eb.and([eb('status', '=', 'hidden'), eb('report_count', '>', 0)])]))
    .orderBy('id')
    .execute();
  return rows.map((row) => row.id);
}

/** The moderation log is append-only: this and `listLog` are its only SQL. */
export async function insertLogEntry(db: Db, values: Insertable<ModerationLogTable>): Promise<void> {
  await db.insertInto('moderation_log').values(values).execute();
}

/** Log entries newest first, with the names of who acted and whose account it was, and where. */
export async function listLog(db: Db, limit: number, offset: number) {
  return db
    .selectFrom('moderation_log')
    .leftJoin('users as actor', 'actor.id', 'moderation_log.actor_id')
    .leftJoin('users as account', 'account.id', 'moderation_log.user_id')
    .leftJoin('sections', 'sections.id', 'moderation_log.section_id')
    .leftJoin('consultations', 'consultations.id', 'sections.consultation_id')
    .select([
      'moderation_log.id',
      'moderation_log.action',
      'moderation_log.comment_id',
      'moderation_log.proposal_id',
      'moderation_log.proposal_comment_id',
      'moderation_log.reason',
      'moderation_log.created_at',
      'actor.username as actor_username',
      'actor.display_name as actor_display_name',
      'account.username as account_username',
      'account.display_name as account_display_name',
      'sections.slug as section_slug',
      'sections.title as section_title',
      'consultations.slug as consultation_slug',
    ])
    .orderBy('moderation_log.created_at', 'desc')
    .orderBy('moderation_log.id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
}
