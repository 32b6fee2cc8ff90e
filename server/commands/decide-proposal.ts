import type { ProposalSummary } from '../contracts/proposals';
import type { Db } from '../db/database';
import { writeTransaction } from '../db/write-transaction';
import type { CurrentUser } from '../features/auth/current-user';
import { markRejected, markWithdrawn } from '../features/proposals/proposals.service';
import { decideWithProposal } from '../features/suggestions/suggestion-review.service';

// A whole proposal rejected or withdrawn through its own page: proposals records the decision and
// the suggestions it carries share it, in one transaction (merging is merge-proposal.ts).

/** An editor turns a proposal down; its open suggestions are rejected with the same reason. */
export async function rejectProposal(db: Db, viewer: CurrentUser | null, id: number, reason: string): Promise<ProposalSummary> {
  return writeTransaction(db, async (trx) => {
    const proposal = await markRejected(trx, viewer, id, reason);
    await decideWithProposal(trx, id, { status: 'rejected', by: viewer!.id, note: reason.trim() });
    return proposal;
  });
}

/** The author withdraws their proposal; its open suggestions are withdrawn with it. */
export async function withdrawProposal(db: Db, viewer: CurrentUser | null, id: number): Promise<ProposalSummary> {
  return writeTransaction(db, async (trx) => {
    const proposal = await markWithdrawn(trx, viewer, id);
    await decideWithProposal(trx, id, { status: 'withdrawn', by: viewer!.id });
    return proposal;
  });
}
