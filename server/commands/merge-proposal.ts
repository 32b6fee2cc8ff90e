import type { MergeBody, ProposalSummary } from '../contracts/proposals';
import type { Db } from '../db/database';
import { writeTransaction } from '../db/write-transaction';
import type { CurrentUser } from '../features/auth/current-user';
import { markMerged, mergeTextPreview, prepareMerge } from '../features/proposals/proposal-merge.service';
import { decideWithProposal } from '../features/suggestions/suggestion-review.service';
import { publishRevision } from './publish-revision';
import { renderBeforeLock } from './render-before-lock';

/**
 * Publishes the proposal as a new revision in one transaction: proposals checks the merge and
 * works out the text, the revision is published (re-anchoring comments), proposals records it.
 * The revision's author is the proposer (the words are theirs) and its summary names the editor.
 * The suggestions the proposal carries are accepted with it.
 */
export async function mergeProposal(db: Db, viewer: CurrentUser | null, id: number, input: MergeBody): Promise<{ proposal: ProposalSummary; revision: number }> {
  await renderBeforeLock(input.resolvedMarkdown === undefined ? 'markdown' : 'resolvedMarkdown', () => mergeTextPreview(db, viewer, id, input));
  return writeTransaction(db, async (trx) => {
    const { editor, ...merge } = await prepareMerge(trx, viewer, id, input);
    const revision = await publishRevision(trx, merge);
    const proposal = await markMerged(trx, id, editor, revision.id);
    await decideWithProposal(trx, id, { status: 'accepted', by: editor.id, revisionId: revision.id });
    return { proposal, revision: revision.number };
  });
}
