import type { ProposalQueue, ProposalTarget } from '../../contracts/moderation';
import type { Db } from '../../db/database';
import type { CurrentUser } from '../auth/current-user';
import { enforce } from '../../platform/decisions';
import { moderationNotice } from '../proposals/proposals.policy';
import { mayModerate } from './moderation.policy';
import { listProposalQueue } from '../proposals/proposal-moderation-state.service';
import { openProposalReports } from './proposal-moderation.repository';

const PAGE_SIZE = 50;

/** Proposals and proposal comments waiting for approval or reported, with their reports and author. Three queries per page. */
export async function getProposalQueue(db: Db, viewer: CurrentUser | null, page: number): Promise<ProposalQueue> {
  enforce(mayModerate(viewer));
  const rows = await listProposalQueue(db, PAGE_SIZE + 1, (page - 1) * PAGE_SIZE);
  const shown = rows.slice(0, PAGE_SIZE);
  const key = (target: ProposalTarget, id: number) => `${target}:${id}`;
  const reports = new Map<string, Awaited<ReturnType<typeof openProposalReports>>>();
  for (const report of await openProposalReports(db, shown)) {
    const k = key(report.target, report.target_id);
    reports.set(k, [...(reports.get(k) ?? []), report]);
  }
  return {
    items: shown.map((row) => ({
      target: row.target,
      id: row.id,
      proposalId: row.proposal_id,
      proposalSummary: row.proposal_summary,
      text: row.text,
      moderation: row.moderation,
      notice: moderationNotice({ moderation: row.moderation, hiddenReason: row.hidden_reason }),
      where: { consultation: row.consultation_slug, section: row.section_slug, sectionTitle: row.section_title },
      createdAt: row.created_at,
      reports: (reports.get(key(row.target, row.id)) ?? []).map((r) => ({
        reason: r.reason,
        note: r.note,
        reporter: { username: r.username, displayName: r.display_name },
        createdAt: r.created_at,
      })),
      author:
        row.author_id !== null && row.username
          ? { id: row.author_id, username: row.username, displayName: row.display_name ?? row.username, blocked: row.blocked_at !== null, joinedAt: row.joined_at! }
          : null,
    })),
    page,
    nextPage: rows.length > PAGE_SIZE ? page + 1 : null,
  };
}
