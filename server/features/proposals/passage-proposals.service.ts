import type { Config } from '../../config';
import type { ModerationState } from '../../contracts/proposals';
import type { ConsultationRow, SectionRow } from '../../db/schema';
import { now } from '../../db/time';
import type { Db } from '../../db/database';
import type { Trx } from '../../db/write-transaction';
import { enforce } from '../../platform/decisions';
import { conflict } from '../../platform/errors';
import type { CurrentUser } from '../auth/current-user';
import { underPremoderation } from '../comments/comments.service';
import { mayMerge, mayReject } from './proposals.policy';
import { targetOf } from './proposals.presenter';
import { holdSectionAt, insertProposal, updateProposalIfStatus } from './proposals.repository';
import { changedMeanwhile, recordProposalEvent, requireProposal } from './proposals.service';

// The proposals' side of suggestions: a basket of suggestions becomes one open proposal, and
// deciding its suggestions one by one settles it once none is left open.

export interface PassageProposalInput {
  consultation: ConsultationRow;
  section: SectionRow;
  baseRevisionId: number;
  markdown: string;
  summary: string;
}

/** Opens a proposal of the suggestions' combined text; from a new account under pre-moderation it waits for a moderator. */
export async function openPassageProposal(
  trx: Trx,
  author: CurrentUser,
  input: PassageProposalInput,
  rules: Pick<Config, 'premoderationAccountAgeHours'>,
): Promise<{ id: number; moderation: ModerationState }> {
  const time = now();
  const moderation = (await underPremoderation(trx, author, input.consultation, rules)) ? ('pending' as const) : ('visible' as const);
  const id = await insertProposal(trx, {
    section_id: input.section.id,
    author_id: author.id,
    base_revision_id: input.baseRevisionId,
    markdown: input.markdown,
    summary: input.summary,
    status: 'open',
    moderation,
    created_at: time,
    updated_at: time,
    submitted_at: time,
  });
  await recordProposalEvent(trx, id, 'proposal.opened');
  return { id, moderation };
}

/** The proposal, if the viewer may merge (or reject) it now; the same rules as the proposal's own review. */
export async function requireDecidable(db: Db, viewer: CurrentUser | null, id: number, action: 'merge' | 'reject'): Promise<void> {
  const row = await requireProposal(db, viewer, id);
  enforce(action === 'merge' ? mayMerge(viewer, targetOf(row)) : mayReject(viewer, targetOf(row)));
}

/** Takes the section's write lock if it is still at `revisionId`, else 409 `stale`. */
export async function holdSectionForMerge(trx: Trx, sectionId: number, revisionId: number, revisionNumber: number): Promise<void> {
  if (!(await holdSectionAt(trx, sectionId, revisionId))) {
    throw conflict('stale', 'The section has changed since you reviewed these suggestions. Review them again.', { currentRevision: revisionNumber });
  }
}

/** Once none of its suggestions is open: merged (into the last revision that took one) if any was accepted, else rejected. */
export async function settlePassageProposal(
  trx: Trx,
  id: number,
  editor: CurrentUser,
  outcome: { accepted: true; revisionId: number } | { accepted: false; note: string },
): Promise<void> {
  const time = now();
  const decided = { decided_by: editor.id, decided_at: time, updated_at: time };
  const changes = outcome.accepted ? { ...decided, status: 'merged' as const, merged_revision_id: outcome.revisionId } : { ...decided, status: 'rejected' as const, decision_note: outcome.note };
  if (!(await updateProposalIfStatus(trx, id, 'open', changes))) throw changedMeanwhile();
  await recordProposalEvent(trx, id, outcome.accepted ? 'proposal.merged' : 'proposal.rejected');
}
