import type { MergePreview, ProposalDetail } from '../../contracts/proposals';
import type { Db } from '../../db/database';
import { latestSeq } from '../../events/event-log';
import type { CurrentUser } from '../auth/current-user';
import { phaseOf } from '../consultations/consultations.policy';
import { mayDiscuss, mayMerge, mayReject, mayRevise, mayWithdraw } from './proposals.policy';
import { presentDecision, presentProposalSummary, targetOf } from './proposals.presenter';
import { requireProposal } from './proposals.service';
import { mergeWithCurrent } from './proposal-merge.service';
import { type MergeResult, revisionById, textDiff } from '../revisions/revisions.service';

function presentMerge(currentRevision: number, current: string, result: MergeResult): MergePreview {
  return result.clean
    ? { currentRevision, clean: true, markdown: result.text, diff: textDiff(current, result.text) }
    : { currentRevision, clean: false, chunks: result.chunks };
}

export async function getProposal(db: Db, viewer: CurrentUser | null, id: number): Promise<ProposalDetail> {
  // Read the log position first: anything committed after it reaches a live subscriber.
  const liveSeq = await latestSeq(db);
  const row = await requireProposal(db, viewer, id);
  const current = (await revisionById(db, row.current_revision_id))!;
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
