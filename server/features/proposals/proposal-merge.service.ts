import type { MergeBody, ProposalSummary } from '../../contracts/proposals';
import type { Db } from '../../db/database';
import { now } from '../../db/time';
import type { Trx } from '../../db/write-transaction';
import { enforce } from '../../platform/decisions';
import { badRequest, conflict } from '../../platform/errors';
import type { CurrentUser } from '../auth/current-user';
import { type MergeResult, revisionById, threeWayMerge } from '../revisions/revisions.service';
import { mayMerge } from './proposals.policy';
import { presentProposalSummary, targetOf } from './proposals.presenter';
import { holdSectionAt, type ProposalWithContext, updateProposalIfStatus } from './proposals.repository';
import { changedMeanwhile, recordProposalEvent, refuseInvalidText, requireProposal, sameText } from './proposals.service';

// The proposal's side of a merge; the merge-proposal command publishes the text between the two steps.

/**
 * The proposal's text applied to the section as it is now. Unchanged since the base: the proposal
 * wins outright. Otherwise a three-way merge with the current text as "ours" and the proposal as "theirs".
 */
export function mergeWithCurrent(row: ProposalWithContext, current: string): MergeResult {
  return current === row.base_markdown ? { clean: true, text: row.markdown } : threeWayMerge(row.base_markdown, current, row.markdown);
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

/** What merging a proposal publishes: its text, credit line and author (the words are the proposer's). */
export interface ProposalMerge {
  sectionId: number;
  markdown: string;
  summary: string;
  authorId: number | null;
  editor: CurrentUser;
}

/**
 * Checks a merge and works out the text to publish. Refused as stale unless the section is still
 * at `currentRevision`, the revision the editor's preview was computed on, checked under the
 * section's write lock in the same transaction.
 */
export async function prepareMerge(trx: Trx, viewer: CurrentUser | null, id: number, input: MergeBody): Promise<ProposalMerge> {
  const { row, text, byHand } = await workOutMerge(trx, viewer, id, input, (sectionId, revisionId) => holdSectionAt(trx, sectionId, revisionId));
  const editor = viewer!;
  return { sectionId: row.section_id, markdown: text, summary: creditLine(row, editor, byHand), authorId: row.author_id, editor };
}

/** The text merging proposal `id` would publish now, worked out without the write lock, so it can be rendered first. */
export async function mergeTextPreview(db: Db, viewer: CurrentUser | null, id: number, input: MergeBody): Promise<string> {
  return (await workOutMerge(db, viewer, id, input, async () => true)).text;
}

async function workOutMerge(db: Db, viewer: CurrentUser | null, id: number, input: MergeBody, holdSection: (sectionId: number, revisionId: number) => Promise<boolean>) {
  const row = await requireProposal(db, viewer, id);
  enforce(mayMerge(viewer, targetOf(row)));
  const current = (await revisionById(db, row.current_revision_id))!;
  if (current.number !== input.currentRevision || !(await holdSection(row.section_id, current.id))) {
    throw conflict('stale', `The section has changed since you reviewed this proposal: it is now at version ${current.number}. Review the merge again.`, {
      currentRevision: current.number,
    });
  }
  const { text, byHand } = textToPublish(mergeWithCurrent(row, current.markdown), input, current.number);
  if (sameText(text, current.markdown)) {
    throw conflict('no_change', 'The current text already says what this proposal says, so merging would change nothing. Reject it with a note instead.');
  }
  return { row, text, byHand };
}

/** Records the merge on the proposal (`decided_by` the editor) once its revision is published. */
export async function markMerged(trx: Trx, id: number, editor: CurrentUser, revisionId: number): Promise<ProposalSummary> {
  const time = now();
  const changes = { status: 'merged' as const, merged_revision_id: revisionId, decided_by: editor.id, decided_at: time, updated_at: time };
  if (!(await updateProposalIfStatus(trx, id, 'open', changes))) throw changedMeanwhile();
  return presentProposalSummary(await recordProposalEvent(trx, id, 'proposal.merged'));
}
