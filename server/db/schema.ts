import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/** Table types for Kysely. Times are ISO-8601 UTC strings. */
export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  consultations: ConsultationsTable;
  sections: SectionsTable;
  revisions: RevisionsTable;
  events: EventsTable;
}

export type Role = 'citizen' | 'editor' | 'moderator' | 'admin';

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
  updated_at: string;
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
