import type { Phase } from '../../contracts/consultations';
import type { MergePreview, ProposalDetail } from '../../contracts/proposals';
import type { Db } from '../../db/database';
import { ReadCache } from '../../db/read-cache';
import { latestSeq } from '../../events/event-log';
import type { CurrentUser } from '../auth/current-user';
import { type PhaseColumns, phaseOf } from '../consultations/consultations.policy';
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
  return (await readProposal(db, viewer, id)).proposal;
}

/** What a signed-out reader is shown of a proposal, in each phase it was asked for in (one stable object each). */
interface SignedOutView {
  dates: PhaseColumns;
  byPhase: Map<Phase, { proposal: ProposalDetail }>;
}

/**
 * Proposals as signed-out readers see them, read once per change to the database (see ReadCache).
 * A long proposal's diffs make a response of up to a megabyte, ~25 ms to present and encode;
 * anyone may ask for it in a loop. Only the phase depends on the clock, so it is applied per request.
 */
const signedOutViews = new ReadCache<SignedOutView>(32);

/** `{ proposal }` for a signed-out reader: one shared object per proposal and phase, so it is encoded once. */
export async function getProposalSignedOut(db: Db, id: number): Promise<{ proposal: ProposalDetail }> {
  const stored = await signedOutViews.get(db, String(id), async () => {
    const { proposal, dates } = await readProposal(db, null, id);
    return { dates, byPhase: new Map([[proposal.section.consultation.phase, { proposal }]]) };
  });
  const phase = phaseOf(stored.dates);
  let view = stored.byPhase.get(phase);
  if (!view) {
    const { proposal } = stored.byPhase.values().next().value!;
    view = { proposal: { ...proposal, section: { ...proposal.section, consultation: { ...proposal.section.consultation, phase } } } };
    stored.byPhase.set(phase, view);
  }
  return view;
}

async function readProposal(db: Db, viewer: CurrentUser | null, id: number): Promise<{ proposal: ProposalDetail; dates: PhaseColumns }> {
  // Read the log position first: anything committed after it reaches a live subscriber.
  const liveSeq = await latestSeq(db);
  const row = await requireProposal(db, viewer, id);
  const current = (await revisionById(db, row.current_revision_id))!;
  const pending = row.status === 'open';
  const target = targetOf(row);
  const proposal: ProposalDetail = {
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
  return { proposal, dates: row };
}
