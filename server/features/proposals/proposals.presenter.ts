import type { ProposalComment, ProposalDraft, ProposalEvent, ProposalSummary } from '../../contracts/proposals';
import type { ProposalCommentRow, ProposalListRow, ProposalWithContext } from './proposals.repository';
import type { ProposalTarget } from './proposals.policy';

type Person = { username: string; displayName: string };

function person(username: string | null, displayName: string | null): Person | null {
  return username ? { username, displayName: displayName ?? username } : null;
}

export function presentProposalSummary(row: ProposalListRow): ProposalSummary {
  return {
    id: row.id,
    status: row.status,
    summary: row.summary,
    author: person(row.author_username, row.author_display_name),
    baseRevision: row.base_revision,
    submittedAt: row.submitted_at,
    updatedAt: row.updated_at,
    decidedAt: row.decided_at,
    mergedRevision: row.merged_revision,
  };
}

/** The live event payload: only what the public proposal list shows (never a draft, never the text). */
export function presentProposalEvent(row: ProposalListRow): ProposalEvent {
  return { ...presentProposalSummary(row), decisionNote: row.decision_note };
}

export function presentDraft(row: ProposalListRow): ProposalDraft {
  return { baseRevision: row.base_revision, markdown: row.markdown, summary: row.summary, savedAt: row.updated_at };
}

export function presentDecision(row: ProposalWithContext) {
  return row.decided_at ? { note: row.decision_note, by: person(row.decider_username, row.decider_display_name), at: row.decided_at } : null;
}

export function presentProposalComment(row: ProposalCommentRow): ProposalComment {
  return { id: row.id, body: row.body, html: row.html, author: person(row.author_username, row.author_display_name), createdAt: row.created_at };
}

/** A proposal as its policy sees it. */
export function targetOf(row: ProposalWithContext): ProposalTarget {
  return {
    consultation: { opens_at: row.opens_at, closes_at: row.closes_at, outcome_published_at: row.outcome_published_at },
    section: { locked_at: row.section_locked_at, locked_reason: row.section_locked_reason },
    proposal: { authorId: row.author_id, status: row.status },
  };
}
