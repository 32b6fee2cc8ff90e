import type { ProposalComment, ProposalDraft, ProposalEvent, ProposalSummary } from '../../contracts/proposals';
import type { ModerationState } from '../../db/schema';
import type { CurrentUser } from '../auth/current-user';
import type { ProposalCommentRow, ProposalListRow, ProposalWithContext } from './proposals.repository';
import { type ModeratedItem, moderationNotice, presentModerated } from './proposals.policy';
import type { ProposalTarget } from './proposals.policy';

type Person = { username: string; displayName: string };

function person(username: string | null, displayName: string | null): Person | null {
  return username ? { username, displayName: displayName ?? username } : null;
}

const moderatedOf = (row: { moderation: ModerationState; author_id: number | null; hidden_reason: string | null }): ModeratedItem => ({
  moderation: row.moderation,
  authorId: row.author_id,
  hiddenReason: row.hidden_reason,
});

/** The whole summary, as its author and moderators see it. */
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
    moderation: row.moderation,
    notice: moderationNotice(moderatedOf(row)),
  };
}

/** The summary as `viewer` may see it (a hidden one without summary and author), or null. */
export function proposalSummaryFor(viewer: CurrentUser | null, row: ProposalListRow): ProposalSummary | null {
  return presentModerated(viewer, moderatedOf(row), presentProposalSummary(row), (view) => ({ ...view, summary: '', author: null }));
}

/**
 * The stored live event payload: the list entry (never a draft, never the text) with what the
 * visibility rule needs; `proposalEventFor` makes each viewer's copy.
 */
export type ProposalRecord = ProposalEvent & { authorId: number | null; hiddenReason: string | null };

export function presentProposalRecord(row: ProposalListRow): ProposalRecord {
  return { ...presentProposalSummary(row), decisionNote: row.decision_note, authorId: row.author_id, hiddenReason: row.hidden_reason };
}

export function proposalEventFor(viewer: CurrentUser | null, record: ProposalRecord): ProposalEvent | null {
  const { authorId, hiddenReason, ...event } = record;
  return presentModerated(viewer, { moderation: record.moderation, authorId: authorId ?? null, hiddenReason }, event, (view) => ({
    ...view,
    summary: '',
    author: null,
    decisionNote: null,
  }));
}

export function presentDraft(row: ProposalListRow): ProposalDraft {
  return { baseRevision: row.base_revision, markdown: row.markdown, summary: row.summary, savedAt: row.updated_at };
}

export function presentDecision(row: ProposalWithContext) {
  return row.decided_at ? { note: row.decision_note, by: person(row.decider_username, row.decider_display_name), at: row.decided_at } : null;
}

/** A discussion comment as `viewer` may see it (a hidden one as a tombstone), or null. */
export function proposalCommentFor(viewer: CurrentUser | null, row: ProposalCommentRow): ProposalComment | null {
  const full = { id: row.id, body: row.body, html: row.html, author: person(row.author_username, row.author_display_name), createdAt: row.created_at, moderation: row.moderation, notice: null };
  return presentModerated(viewer, moderatedOf(row), full, (view) => ({ ...view, body: '', html: '', author: null }));
}

/** A proposal as its policy sees it. */
export function targetOf(row: ProposalWithContext): ProposalTarget {
  return {
    consultation: { opens_at: row.opens_at, closes_at: row.closes_at, outcome_published_at: row.outcome_published_at },
    section: { locked_at: row.section_locked_at, locked_reason: row.section_locked_reason },
    proposal: { authorId: row.author_id, status: row.status },
  };
}
