import type { BulkAction, ModeratedResponse, ProposalReportResponse, ProposalTarget, ReportBody } from '../../contracts/moderation';
import type { Config } from '../../config';
import type { Db } from '../../db/database';
import { now } from '../../db/time';
import { type Trx, writeTransaction } from '../../db/write-transaction';
import { appendEvent } from '../../events/event-log';
import { MODERATION_CHANNEL } from '../../contracts/live';
import { conflict, notFound } from '../../platform/errors';
import type { CurrentUser } from '../auth/current-user';
import { invalidFields } from '../../platform/form-errors';
import { enforce } from '../../platform/decisions';
import { mayAct } from '../auth/users.policy';
import { recordProposalEvent } from '../proposals/proposals.service';
import { isListedFor, moderationNotice } from '../proposals/proposals.policy';
import { logAction } from './moderation-log.service';
import { mayApply, mayModerate, mayReport } from './moderation.policy';
import { publicText, QUEUE_CHANGED } from './moderation.service';
import * as reports from './proposal-moderation.repository';
import * as items from '../proposals/proposal-moderation-state.service';

// For the proposal moderation routes (which live with proposals).
export { getProposalQueue } from './proposal-moderation.queue';
import { reporterWeight } from './reporter-weight';

/**
 * Reports, pre-moderation approval, hiding and restoring for proposals and their discussion,
 * with the same rules, log entries and queue events as for comments.
 */

const NAMES: Record<ProposalTarget, 'proposal' | 'comment'> = { proposal: 'proposal', 'proposal-comment': 'comment' };

/** The item, 404 when missing or when the viewer may not know it exists (it waits for approval). */
async function requireModerated(db: Db, viewer: CurrentUser | null, target: ProposalTarget, id: number): Promise<items.ModeratedRow> {
  const row = await items.findModerated(db, target, id);
  if (!row || !isListedFor(viewer, { moderation: row.moderation, authorId: row.author_id })) throw notFound(target === 'proposal' ? 'Proposal' : 'Comment');
  return row;
}

async function answer(trx: Db, target: ProposalTarget, id: number): Promise<ModeratedResponse> {
  const row = (await items.findModerated(trx, target, id))!;
  return { target, id, moderation: row.moderation, notice: moderationNotice({ moderation: row.moderation, hiddenReason: row.hidden_reason }) };
}

/**
 * One action on one item, in the caller's transaction: the change, its public log entry (never the
 * text), a live `proposal.moderated` event for proposals, and the moderators' queue event.
 * `actor` null: the system acted (hidden after reports).
 */
export async function applyProposalAction(trx: Trx, actor: CurrentUser | null, target: ProposalTarget, row: items.ModeratedRow, action: BulkAction | 'auto-hide', reason: string | null): Promise<void> {
  enforce(mayApply(action, { status: row.moderation, reportCount: row.report_count }, NAMES[target]));
  const at = now();
  const by = actor?.id ?? null;
  if (action === 'hide' || action === 'auto-hide') {
    await items.setModeration(trx, target, row.id, { moderation: 'hidden', hidden_reason: reason, hidden_by: by, hidden_at: at });
    // The system's hide leaves the reports open, so the item stays in the queue for review.
    if (action === 'hide') await resolveReports(trx, target, row.id, 'actioned', by, at);
  } else if (action === 'approve') {
    await items.setModeration(trx, target, row.id, { moderation: 'visible' });
  } else {
    await resolveReports(trx, target, row.id, 'dismissed', by, at);
    // Dismissed reports also bring back what they alone had hidden.
    if (action === 'restore' || (row.moderation === 'hidden' && row.hidden_by === null)) {
      await items.setModeration(trx, target, row.id, { moderation: 'visible', hidden_reason: null, hidden_by: null, hidden_at: null });
    }
  }
  const about = target === 'proposal' ? { proposalId: row.id } : { proposalId: row.proposal_id, proposalCommentId: row.id };
  await logAction(trx, actor, { action, ...about, sectionId: row.section_id, reason });
  if (target === 'proposal') await recordProposalEvent(trx, row.id, 'proposal.moderated');
  await appendEvent(trx, MODERATION_CHANNEL, QUEUE_CHANGED, target === 'proposal' ? { proposalIds: [row.id] } : { proposalCommentIds: [row.id] });
}

async function resolveReports(trx: Trx, target: ProposalTarget, id: number, status: 'actioned' | 'dismissed', by: number | null, at: string): Promise<void> {
  await reports.resolveProposalReports(trx, target, id, status, by, at);
  await items.clearReportCount(trx, target, id);
}

/** A moderator hides (with a public reason), restores, approves or dismisses the reports on one item. */
export async function moderateProposalContent(db: Db, viewer: CurrentUser | null, target: ProposalTarget, id: number, action: BulkAction, reasonInput?: string): Promise<ModeratedResponse> {
  enforce(mayModerate(viewer));
  const reason = action === 'hide' ? publicText(reasonInput, 'reason', 'Enter the reason for hiding, which everyone will see.') : reasonInput?.trim() || null;
  return writeTransaction(db, async (trx) => {
    await applyProposalAction(trx, viewer, target, await requireModerated(trx, viewer, target, id), action, reason);
    return answer(trx, target, id);
  });
}

/** Reports someone else's proposal or proposal comment; hidden at once when the reports' weight reaches the threshold. */
export async function reportProposalContent(
  db: Db,
  viewer: CurrentUser | null,
  target: ProposalTarget,
  id: number,
  input: ReportBody,
  rules: Pick<Config, 'reportHideThreshold'>,
): Promise<ProposalReportResponse['report']> {
  enforce(mayAct(viewer));
  const note = input.note?.trim() || null;
  if (input.reason === 'other' && !note) throw invalidFields([{ field: 'note', code: 'invalid_input', message: `Say what is wrong with this ${NAMES[target]}.` }]);
  return writeTransaction(db, async (trx) => {
    const row = await requireModerated(trx, viewer, target, id);
    enforce(mayReport(viewer, { authorId: row.author_id, status: row.moderation }, NAMES[target]));
    const createdAt = now();
    const weight = await reporterWeight(trx, viewer!);
    if (!(await reports.insertProposalReport(trx, { target, target_id: id, reporter_id: viewer!.id, reason: input.reason, note, weight, created_at: createdAt }))) {
      throw conflict('already_reported', `You have already reported this ${NAMES[target]}. A moderator will look at it.`);
    }
    await items.incrementReportCount(trx, target, id);
    const reported = await reports.openReportWeight(trx, target, id);
    if (reported >= rules.reportHideThreshold) await applyProposalAction(trx, null, target, (await items.findModerated(trx, target, id))!, 'auto-hide', null);
    else await appendEvent(trx, MODERATION_CHANNEL, QUEUE_CHANGED, target === 'proposal' ? { proposalIds: [id] } : { proposalCommentIds: [id] });
    return { target, id, reason: input.reason, createdAt };
  });
}

/** With a block's "hide all": everything of the account's in proposals, hidden with the block's reason. */
export async function hideProposalContentOf(trx: Trx, actor: CurrentUser | null, authorId: number, reason: string): Promise<number> {
  const toHide = await items.proposalContentToHide(trx, authorId);
  for (const item of toHide) await applyProposalAction(trx, actor, item.target, (await items.findModerated(trx, item.target, item.id))!, 'hide', reason);
  return toHide.length;
}
