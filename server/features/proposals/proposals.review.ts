import type { MergeBody, MergePreview, ProposalDetail, ProposalSummary } from '../../contracts/proposals';
import type { Db } from '../../db/database';
import { now } from '../../db/time';
import { writeTransaction } from '../../db/write-transaction';
import { latestSeq } from '../../events/event-log';
import { badRequest, conflict } from '../../platform/errors';
import type { CurrentUser } from '../auth/current-user';
import { enforce } from '../../platform/decisions';
import { phaseOf } from '../consultations/phase';
import { mayDiscuss, mayMerge, mayReject, mayRevise, mayWithdraw } from './proposals.policy';
import { presentDecision, presentProposalSummary, targetOf } from './proposals.presenter';
import { holdSectionAt, type ProposalWithContext, updateProposalIfStatus } from './proposals.repository';
import { changedMeanwhile, recordProposalEvent, refuseInvalidText, requireProposal, sameText } from './proposals.service';
import { findRevisionById } from '../revisions/revisions.repository';
import { textDiff } from '../revisions/text-diff';
import { publishRevision } from '../revisions/revisions.service';
import { type MergeResult, threeWayMerge } from '../revisions/three-way-merge';

/**
 * The proposal's text applied to the section as it is now. Unchanged since the base: the proposal
 * wins outright. Otherwise a three-way merge with the current text as "ours" and the proposal as "theirs".
 */
function mergeWithCurrent(row: ProposalWithContext, current: string): MergeResult {
  return current === row.base_markdown ? { clean: true, text: row.markdown } : threeWayMerge(row.base_markdown, current, row.markdown);
}

function presentMerge(currentRevision: number, current: string, result: MergeResult): MergePreview {
  return result.clean
    ? { currentRevision, clean: true, markdown: result.text, diff: textDiff(current, result.text) }
    : { currentRevision, clean: false, chunks: result.chunks };
}

export async function getProposal(db: Db, viewer: CurrentUser | null, id: number): Promise<ProposalDetail> {
  // Read the log position first: anything committed after it reaches a live subscriber.
  const liveSeq = await latestSeq(db);
  const row = await requireProposal(db, viewer, id);
  const current = (await findRevisionById(db, row.current_revision_id))!;
  const pending = row.status === 'open';
  const target = targetOf(row);
  return {
    ...presentProposalSummary(row),
    markdown: row.markdown,
    section: {
      slug: row.section_slug,
      title: row.section_title,
      consultation: { slug: row.consultation_slug, title: row.consultation_title, phase: phaseOf(row) },
      currentRevision: current.number,
      locked: row.section_locked_at !== null,
    },
    decision: presentDecision(row),
    diffs: { base: textDiff(row.base_markdown, row.markdown), current: pending ? textDiff(current.markdown, row.markdown) : null },
    merge: pending ? presentMerge(current.number, current.markdown, mergeWithCurrent(row, current.markdown)) : null,
    can: {
      revise: mayRevise(viewer, target).allowed,
      withdraw: mayWithdraw(viewer, target).allowed,
      merge: mayMerge(viewer, target).allowed,
      reject: mayReject(viewer, target).allowed,
      comment: mayDiscuss(viewer, target).allowed,
    },
    liveSeq,
  };
}

/** The text to publish: the editor's resolution when they sent one, else the clean merge. */
function textToPublish(result: MergeResult, input: MergeBody, currentRevision: number): { text: string; byHand: boolean } {
  if (input.resolvedMarkdown !== undefined) {
    if (input.resolvedMarkdown.trim() === '') throw badRequest('Enter the merged text.', 'resolvedMarkdown');
    refuseInvalidText(input.resolvedMarkdown, 'resolvedMarkdown');
    return { text: input.resolvedMarkdown, byHand: true };
  }
  if (result.clean) return { text: result.text, byHand: false };
  throw conflict('merge_conflict', 'The proposal and the current text change the same passages. Choose which wording to keep for each.', {
    chunks: result.chunks,
    currentRevision,
  });
}

/** "Merged proposal #12 by Alice Smith (reviewed by Bob Jones): Shorter wording" */
function creditLine(row: ProposalWithContext, editor: CurrentUser, byHand: boolean): string {
  const proposer = row.author_display_name ?? 'a former member';
  const role = byHand ? 'conflicts resolved by' : 'reviewed by';
  return `Merged proposal #${row.id} by ${proposer} (${role} ${editor.displayName}): ${row.summary}`;
}

/**
 * Publishes the proposal as a new revision. The revision's author is the proposer (the words are
 * theirs) and its summary names the editor; the proposal records the editor as `decided_by`.
 * Refused as stale unless the section is still at `currentRevision`, the revision the editor's
 * preview was computed on, checked under the section's write lock in the same transaction.
 */
export async function mergeProposal(db: Db, viewer: CurrentUser | null, id: number, input: MergeBody): Promise<{ proposal: ProposalSummary; revision: number }> {
  return writeTransaction(db, async (trx) => {
    const row = await requireProposal(trx, viewer, id);
    enforce(mayMerge(viewer, targetOf(row)));
    const editor = viewer!;
    const current = (await findRevisionById(trx, row.current_revision_id))!;
    if (current.number !== input.currentRevision || !(await holdSectionAt(trx, row.section_id, current.id))) {
      throw conflict('stale', `The section has changed since you reviewed this proposal: it is now at version ${current.number}. Review the merge again.`, {
        currentRevision: current.number,
      });
    }
    const { text, byHand } = textToPublish(mergeWithCurrent(row, current.markdown), input, current.number);
    if (sameText(text, current.markdown)) {
      throw conflict('no_change', 'The current text already says what this proposal says, so merging would change nothing. Reject it with a note instead.');
    }
    const revision = await publishRevision(trx, { sectionId: row.section_id, markdown: text, summary: creditLine(row, editor, byHand), authorId: row.author_id });
    const time = now();
    const changes = { status: 'merged' as const, merged_revision_id: revision.id, decided_by: editor.id, decided_at: time, updated_at: time };
    if (!(await updateProposalIfStatus(trx, id, 'open', changes))) throw changedMeanwhile();
    return { proposal: presentProposalSummary(await recordProposalEvent(trx, id, 'proposal.merged')), revision: revision.number };
  });
}

/** An editor turns a proposal down; the reason is shown to the proposer and everyone else. */
export async function rejectProposal(db: Db, viewer: CurrentUser | null, id: number, reason: string): Promise<ProposalSummary> {
  return writeTransaction(db, async (trx) => {
    const row = await requireProposal(trx, viewer, id);
    enforce(mayReject(viewer, targetOf(row)));
    const time = now();
    const changes = { status: 'rejected' as const, decision_note: reason.trim(), decided_by: viewer!.id, decided_at: time, updated_at: time };
    if (!(await updateProposalIfStatus(trx, id, 'open', changes))) throw changedMeanwhile();
    return presentProposalSummary(await recordProposalEvent(trx, id, 'proposal.rejected'));
  });
}
