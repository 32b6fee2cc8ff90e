import type { Insertable } from 'kysely';
import type { Db } from '../../db/database';
import type { ProposalReportsTable, ReportStatus, ReportTarget } from '../../db/schema';

// Reports on proposals and their discussion comments (moderation's own table); the items'
// moderation columns belong to proposals.

/** Adds the report unless this person already reported it; true when it was added. */
export async function insertProposalReport(db: Db, values: Insertable<ProposalReportsTable>): Promise<boolean> {
  const result = await db
    .insertInto('proposal_reports')
    .values(values)
    .onConflict((oc) => oc.columns(['target', 'target_id', 'reporter_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** The open reports' summed weight on an item. */
export async function openReportWeight(db: Db, target: ReportTarget, id: number): Promise<number> {
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
