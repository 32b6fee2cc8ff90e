import type { Generated, Selectable } from 'kysely';
import type { ModerationState } from '../contracts/proposals';

/** Tables of the public's edits: proposals, their discussion and suggestions on passages, merged into `Database` in schema.ts. */
export interface DraftingDatabase {
  proposals: ProposalsTable;
  proposal_comments: ProposalCommentsTable;
  suggestions: SuggestionsTable;
  suggestion_supports: SuggestionSupportsTable;
}

/** Moderation state of a proposal or a proposal comment, apart from the proposal's review status. */
export type { ModerationState } from '../contracts/proposals';

export type ProposalStatus = 'draft' | 'open' | 'merged' | 'rejected' | 'withdrawn';

export interface ProposalsTable {
  id: Generated<number>;
  section_id: number;
  base_revision_id: number;
  author_id: number | null;
  markdown: string;
  summary: string;
  status: ProposalStatus;
  decision_note: string | null;
  decided_by: number | null;
  decided_at: string | null;
  merged_revision_id: number | null;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
  /** Whether others may read it: visible, pending (waits for approval) or hidden by moderation. */
  moderation: Generated<ModerationState>;
  hidden_reason: string | null;
  hidden_by: number | null;
  hidden_at: string | null;
  /** Open reports. */
  report_count: Generated<number>;
}

export interface ProposalCommentsTable {
  id: Generated<number>;
  proposal_id: number;
  author_id: number | null;
  body: string;
  html: string;
  created_at: string;
  /** Whether others may read it: visible, pending (waits for approval) or hidden by moderation. */
  moderation: Generated<ModerationState>;
  hidden_reason: string | null;
  hidden_by: number | null;
  hidden_at: string | null;
  /** Open reports. */
  report_count: Generated<number>;
}

export type ProposalRow = Selectable<ProposalsTable>;

/** A suggestion waits in its author's basket (draft), is open once sent, then accepted or rejected (or withdrawn with its proposal). */
export type SuggestionStatus = 'draft' | 'open' | 'accepted' | 'rejected' | 'withdrawn';

export interface SuggestionsTable {
  id: Generated<number>;
  section_id: number;
  author_id: number | null;
  proposal_id: number | null;
  base_revision_id: number;
  block_index: number;
  block_id: string;
  source_start: number;
  source_end: number;
  original: string;
  replacement: string;
  text_start: number;
  text_end: number;
  text_before: string;
  text_after: string;
  reason: string;
  status: SuggestionStatus;
  decision_note: string | null;
  decided_by: number | null;
  decided_at: string | null;
  merged_revision_id: number | null;
  support_count: Generated<number>;
  created_at: string;
}

export interface SuggestionSupportsTable {
  suggestion_id: number;
  user_id: number;
  created_at: string;
}
