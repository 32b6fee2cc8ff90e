import { type Insertable, sql, type Updateable } from 'kysely';
import type { Db } from '../../db/database';
import type { ProposalReportsTable, ProposalsTable, ReportStatus, ReportTarget } from '../../db/schema';

/** Proposals and their discussion comments, each in its own table with the same moderation columns. */
const TABLE = { proposal: 'proposals', 'proposal-comment': 'proposal_comments' } as const;

/** A proposal (never a draft) or a proposal comment, with what moderating it needs. */
export async function findModerated(db: Db, target: ReportTarget, id: number) {
  const base =
    target === 'proposal'
      ? db.selectFrom('proposals').where('proposals.status', '!=', 'draft').select('proposals.id as proposal_id')
      : db.selectFrom('proposal_comments').innerJoin('proposals', 'proposals.id', 'proposal_comments.proposal_id').select('proposal_comments.proposal_id');
  const table = TABLE[target];
  return base
    .innerJoin('sections', 'sections.id', 'proposals.section_id')
    .select([
      sql.ref<number>(`${table}.id`).as('id'),
      sql.ref<number | null>(`${table}.author_id`).as('author_id'),
      sql.ref<'visible' | 'pending' | 'hidden'>(`${table}.moderation`).as('moderation'),
      sql.ref<number | null>(`${table}.hidden_by`).as('hidden_by'),
      sql.ref<string | null>(`${table}.hidden_reason`).as('hidden_reason'),
      sql.ref<number>(`${table}.report_count`).as('report_count'),
      'sections.id as section_id',
    ])
    .where(sql.ref(`${table}.id`), '=', id)
    .executeTakeFirst();
}

export type ModeratedRow = NonNullable<Awaited<ReturnType<typeof findModerated>>>;

type ModerationChanges = Pick<Updateable<ProposalsTable>, 'moderation' | 'hidden_reason' | 'hidden_by' | 'hidden_at'>;

export async function setModeration(db: Db, target: ReportTarget, id: number, changes: ModerationChanges): Promise<void> {
  await db.updateTable(TABLE[target]).set(changes).where('id', '=', id).execute();
}

/** Adds the report unless this person already reported it; true when it was added. */
export async function insertProposalReport(db: Db, values: Insertable<ProposalReportsTable>): Promise<boolean> {
  const result = await db
    .insertInto('proposal_reports')
    .values(values)
    .onConflict((oc) => oc.columns(['target', 'target_id', 'reporter_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Counts one more open report; returns the open reports' summed weight. */
export async function countProposalReport(db: Db, target: ReportTarget, id: number): Promise<number> {
  await db
    .updateTable(TABLE[target])
    .set((eb) => ({ report_count: eb('report_count', '+', 1) }))
    .where('id', '=', id)
    .execute();
  const row = await db
    .selectFrom('proposal_reports')
    .select((eb) => eb.fn.sum<number>('weight').as('weight'))
    .where('target', '=', target)
    .where('target_id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(row?.weight ?? 0);
}

export async function resolveProposalReports(db: Db, target: ReportTarget, id: number, status: Exclude<ReportStatus, 'open'>, by: number | null, at: string): Promise<void> {
  await db
    .updateTable('proposal_reports')
    .set({ status, resolved_by: by, resolved_at: at })
    .where('target', '=', target)
    .where('target_id', '=', id)
    .where('status', '=', 'open')
    .execute();
  await db.updateTable(TABLE[target]).set({ report_count: 0 }).where('id', '=', id).execute();
}

/** Everything of an account's in proposals that others can read, that waits, or that reports hid. */
export async function proposalContentToHide(db: Db, authorId: number): Promise<{ target: ReportTarget; id: number }[]> {
  const toHide = (table: (typeof TABLE)[ReportTarget]) =>
    db
      .selectFrom(table)
      .select('id')
      .where('author_id', '=', authorId)
      .where((eb) => eb.or([eb('moderation', 'in', ['visible', 'pending']), eb.and([eb('moderation', '=', 'hidden'), eb('report_count', '>', 0)])]));
  const proposals = await toHide('proposals').where('status', '!=', 'draft').orderBy('id').execute();
  const comments = await toHide('proposal_comments').orderBy('id').execute();
  return [...proposals.map(({ id }) => ({ target: 'proposal' as const, id })), ...comments.map(({ id }) => ({ target: 'proposal-comment' as const, id }))];
}

/** One page of the proposals' queue: pending or reported proposals and proposal comments, most reported first, then oldest. */
export async function listProposalQueue(db: Db, limit: number, offset: number) {
  const needsReview = sql<boolean>`(moderation = 'pending' or report_count > 0)`;
  const proposals = db
    .selectFrom('proposals')
    .select([
      sql<ReportTarget>`'proposal'`.as('target'),
      'id',
      'id as proposal_id',
      'summary as text',
      'author_id',
      'moderation',
      'hidden_reason',
      'report_count',
      'submitted_at as created_at',
    ])
    .where('status', '!=', 'draft')
    .where(needsReview);
  const comments = db
    .selectFrom('proposal_comments')
    .select([sql<ReportTarget>`'proposal-comment'`.as('target'), 'id', 'proposal_id', 'body as text', 'author_id', 'moderation', 'hidden_reason', 'report_count', 'created_at'])
    .where(needsReview);
  return db
    .selectFrom(proposals.unionAll(comments).as('item'))
    .innerJoin('proposals', 'proposals.id', 'item.proposal_id')
    .innerJoin('sections', 'sections.id', 'proposals.section_id')
    .innerJoin('consultations', 'consultations.id', 'sections.consultation_id')
    .leftJoin('users', 'users.id', 'item.author_id')
    .selectAll('item')
    .select(['proposals.summary as proposal_summary', 'sections.slug as section_slug', 'sections.title as section_title', 'consultations.slug as consultation_slug'])
    .select(['users.username', 'users.display_name', 'users.blocked_at', 'users.created_at as joined_at'])
    .orderBy('item.report_count', 'desc')
    .orderBy('item.created_at')
    .orderBy('item.id')
    .limit(limit)
    .offset(offset)
    .execute();
}

/** The open reports on these items, oldest first, with who made them. */
export async function openProposalReports(db: Db, items: { target: ReportTarget; id: number }[]) {
  if (items.length === 0) return [];
  return db
    .selectFrom('proposal_reports')
    .innerJoin('users', 'users.id', 'proposal_reports.reporter_id')
    .select(['proposal_reports.target', 'proposal_reports.target_id', 'proposal_reports.reason', 'proposal_reports.note', 'proposal_reports.created_at', 'users.username', 'users.display_name'])
    .where((eb) => eb.or(items.map((item) => eb.and([eb('proposal_reports.target', '=', item.target), eb('proposal_reports.target_id', '=', item.id)]))))
    .where('proposal_reports.status', '=', 'open')
    .orderBy('proposal_reports.created_at')
    .orderBy('proposal_reports.id')
    .execute();
}
