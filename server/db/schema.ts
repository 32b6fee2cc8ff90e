import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { Role } from '../contracts/auth';
import type { CommentStatus } from '../contracts/comments';
import type { ModerationAction, ReportReason } from '../contracts/moderation';
import type { AnalysisDatabase } from './schema-analysis';
import type { DraftingDatabase } from './schema-drafting';
import type { MessagingDatabase } from './schema-messaging';
import type { OutcomeThemesDatabase } from './schema-outcome-themes';

export type * from './schema-drafting';
export type * from './schema-messaging';

/** Table types for Kysely. Times are ISO-8601 UTC strings. */
export interface Database extends AnalysisDatabase, DraftingDatabase, MessagingDatabase, OutcomeThemesDatabase {
  users: UsersTable;
  sessions: SessionsTable;
  known_devices: KnownDevicesTable;
  consultations: ConsultationsTable;
  sections: SectionsTable;
  revisions: RevisionsTable;
  events: EventsTable;
  comments: CommentsTable;
  comment_counters: CommentCountersTable;
  comment_versions: CommentVersionsTable;
  endorsements: EndorsementsTable;
  reports: ReportsTable;
  proposal_reports: ProposalReportsTable;
  moderation_log: ModerationLogTable;
  consultation_changes: ConsultationChangesTable;
  questions: QuestionsTable;
}

export type { Role };

export interface UsersTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  email: string | null;
  password_hash: string;
  role: Role;
  blocked_at: string | null;
  blocked_reason: string | null;
  created_at: string;
  /** When the address in `email` was confirmed by a link sent to it (migration 0018). */
  email_verified_at: Generated<string | null>;
  /** Set when the person deleted the account: the row stays, emptied, as "Deleted account". */
  deleted_at: Generated<string | null>;
}

/** A browser that signed in to the account before (see migration 0010). */
export interface KnownDevicesTable {
  token_hash: string;
  user_id: number;
  created_at: string;
}

export interface SessionsTable {
  id: Generated<number>;
  token_hash: string;
  user_id: number;
  created_at: string;
  last_seen_at: string;
}

export interface ConsultationsTable {
  id: Generated<number>;
  slug: string;
  title: string;
  summary: string;
  intro_markdown: string;
  intro_html: string;
  opens_at: string;
  closes_at: string;
  outcome_markdown: string | null;
  outcome_html: string | null;
  outcome_published_at: string | null;
  created_at: string;
  updated_at: string;
  /** 1: comments from accounts younger than the configured age wait for a moderator's approval. */
  premoderation: Generated<number>;
  /** Set once anything of the consultation itself is changed in the app: loading content/ then leaves it alone. */
  changed_in_app_at: string | null;
}

export interface SectionsTable {
  id: Generated<number>;
  consultation_id: number;
  slug: string;
  title: string;
  position: number;
  current_revision_id: number | null;
  comments_closed_at: string | null;
  comments_closed_note: string | null;
  locked_at: string | null;
  /** The text last loaded from content/ (null for sections created online or before 0007). */
  content_markdown: string | null;
  locked_by: number | null;
  /** Why an editor locked the section against proposals. */
  locked_reason: string | null;
  updated_at: string;
  /** Set once the section is added, renamed, moved or retired in the app: content/ no longer changes its title, place or text. */
  changed_in_app_at: string | null;
  /** A retired section is no longer listed and takes no comments or proposals; its text and comments stay readable. */
  retired_at: string | null;
}

/** The public change log of a consultation (see migration 0016). */
export interface ConsultationChangesTable {
  id: Generated<number>;
  consultation_id: number;
  section_id: number | null;
  kind: string;
  description: string;
  before_value: string | null;
  after_value: string | null;
  actor_id: number | null;
  created_at: string;
}

export interface RevisionsTable {
  id: Generated<number>;
  section_id: number;
  number: number;
  parent_id: number | null;
  markdown: string;
  html: string;
  blocks_json: string;
  summary: string;
  author_id: number | null;
  sha256: string;
  created_at: string;
}

export type UserRow = Selectable<UsersTable>;
export type ConsultationRow = Selectable<ConsultationsTable>;
export type SectionRow = Selectable<SectionsTable>;
export type RevisionRow = Selectable<RevisionsTable>;
export type NewRevision = Insertable<RevisionsTable>;
export type SectionUpdate = Updateable<SectionsTable>;

export interface EventsTable {
  seq: Generated<number>;
  channel: string;
  type: string;
  payload: string;
  created_at: string;
}

export type CommentKind = 'support' | 'object' | 'question' | 'suggestion' | 'evidence' | 'general';
export type { CommentStatus };
export type AnchorState = 'anchored' | 'moved' | 'orphaned';
export type AnchorMethod = 'exact' | 'diff' | 'fuzzy' | 'editor';

/** Top-level comments per section, kind, passage ('' for none) and status, kept by triggers (migration 0027). */
export interface CommentCountersTable {
  section_id: number;
  kind: CommentKind;
  block_id: string;
  status: CommentStatus;
  n: number;
}

export interface CommentsTable {
  id: Generated<number>;
  consultation_id: number;
  section_id: number;
  revision_id: number;
  parent_id: number | null;
  /** The thread's top-level comment; null for a top-level comment. */
  root_id: number | null;
  /** 1 for a top-level comment, 2 for a reply, 3 for a reply to a reply (the deepest). */
  depth: number;
  author_id: number | null;
  kind: CommentKind;
  body: string;
  html: string;
  normalized_body: string;
  status: CommentStatus;
  hidden_reason: string | null;
  hidden_by: number | null;
  hidden_at: string | null;
  closed_at: string | null;
  closed_note: string | null;
  block_id: string | null;
  block_index: number | null;
  quote_exact: string | null;
  quote_prefix: string | null;
  quote_suffix: string | null;
  anchor_start: number | null;
  anchor_end: number | null;
  anchor_state: AnchorState | null;
  endorsement_count: Generated<number>;
  created_at: string;
  edited_at: string | null;
  addressed_revision_id: number | null;
  addressed_by: number | null;
  addressed_at: string | null;
  /** The passage as written on `revision_id`; null while the anchor columns still hold it. */
  original_block_id: string | null;
  original_start: number | null;
  original_end: number | null;
  /** The words the author quoted, as posted; never rewritten by re-anchoring. */
  quote_posted: string | null;
  /** How the last re-anchoring placed the comment, and how sure it was (0–1); null until first re-anchored. */
  anchor_method: AnchorMethod | null;
  anchor_score: number | null;
  /** The editor who checked an unsure placement, and when; cleared when a later re-anchoring moves it. */
  anchor_checked_by: number | null;
  anchor_checked_at: string | null;
  /** Open reports (the moderation queue and the auto-hide threshold read it). */
  report_count: Generated<number>;
  /** 1 for an editor's or moderator's answer in a closed thread. */
  official: Generated<number>;
  /** The question this top-level comment answers (migration 0017); null for other comments. */
  question_id: number | null;
  /** Who the author wrote as: an individual or on behalf of an organisation (with its name); null when not said. */
  respondent_type: RespondentType | null;
  organisation_name: string | null;
}

export type RespondentType = 'individual' | 'organisation';

/** A numbered question put to respondents; it belongs to a section, numbered by position across the consultation. */
export interface QuestionsTable {
  id: Generated<number>;
  consultation_id: number;
  section_id: number;
  position: number;
  text: string;
  created_at: string;
  updated_at: string;
}

export type QuestionRow = Selectable<QuestionsTable>;

export interface CommentVersionsTable {
  id: Generated<number>;
  comment_id: number;
  version: number;
  body: string;
  html: string;
  created_at: string;
}

export interface EndorsementsTable {
  comment_id: number;
  user_id: number;
  created_at: string;
}

export type CommentRow = Selectable<CommentsTable>;

export type ReportStatus = 'open' | 'dismissed' | 'actioned';

export interface ReportsTable {
  id: Generated<number>;
  comment_id: number;
  reporter_id: number;
  reason: ReportReason;
  note: string | null;
  /** 1 for an established reporter; less for a new account or one without history. */
  weight: Generated<number>;
  status: Generated<ReportStatus>;
  created_at: string;
  resolved_by: number | null;
  resolved_at: string | null;
}

export type ReportTarget = 'proposal' | 'proposal-comment';

/** Reports on proposals and their discussion (comments' reports are in `reports`). */
export interface ProposalReportsTable extends Omit<ReportsTable, 'comment_id'> {
  target: ReportTarget;
  target_id: number;
}

/** Append-only: inserted and read, never updated or deleted. */
export interface ModerationLogTable {
  id: Generated<number>;
  /** Null when the system acted. */
  actor_id: number | null;
  action: ModerationAction;
  comment_id: number | null;
  user_id: number | null;
  section_id: number | null;
  proposal_id: number | null;
  proposal_comment_id: number | null;
  reason: string | null;
  created_at: string;
}
