import { sql, type Updateable } from 'kysely';
import type { Db } from '../../db/database';
import type { ProposalsTable, ReportTarget } from '../../db/schema';

// The moderation columns of proposals and their discussion comments, which moderation changes
// through proposal-moderation-state.service.ts.

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

/** One more report counted on the item (`report_count` feeds the queue's order). */
export async function incrementReportCount(db: Db, target: ReportTarget, id: number): Promise<void> {
  await db
    .updateTable(TABLE[target])
    .set((eb) => ({ report_count: eb('report_count', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

/** The item's reports were all resolved. */
export async function clearReportCount(db: Db, target: ReportTarget, id: number): Promise<void> {
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

