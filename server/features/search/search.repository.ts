import { sql } from 'kysely';
import type { Db } from '../../db/database';
import type { CommentKind } from '../../contracts/comments';

/** FTS5 reads. `match` is an FTS5 expression built by the service from quoted terms only. */

/** Marks snippet() puts around matches; the service escapes the text and turns them into <mark>. */
export const MATCH_START = '\u0002';
export const MATCH_END = '\u0003';

export interface Scope {
  readonly consultationId?: number;
  readonly sectionId?: number;
}

export interface SectionHitRow {
  consultation_slug: string;
  consultation_title: string;
  section_slug: string;
  section_title: string;
  snippet: string;
}

export interface CommentHitRow extends SectionHitRow {
  id: number;
  kind: CommentKind;
  created_at: string;
  author: string | null;
}

/** When the first comment was posted (now, when there is none): where an open-ended date range starts. */
export async function earliestComment(db: Db): Promise<string> {
  const first = await db.selectFrom('comments').select('created_at').orderBy('id').limit(1).executeTakeFirst();
  return first?.created_at ?? new Date().toISOString();
}

/** Ids of the consultation and section named by slug; undefined when a named one does not exist. */
export async function findScope(db: Db, consultation?: string, section?: string): Promise<Scope | undefined> {
  if (!consultation) return {};
  const found = await db.selectFrom('consultations').select('id').where('slug', '=', consultation).executeTakeFirst();
  if (!found) return undefined;
  if (!section) return { consultationId: found.id };
  const inSection = await db.selectFrom('sections').select('id').where('consultation_id', '=', found.id).where('slug', '=', section).executeTakeFirst();
  return inSection && { consultationId: found.id, sectionId: inSection.id };
}

/** Sections whose current version matches, best match first. */
export async function searchSections(db: Db, match: string, scope: Scope, limit: number): Promise<SectionHitRow[]> {
  const { rows } = await sql<SectionHitRow>`
    SELECT c.slug AS consultation_slug, c.title AS consultation_title, s.slug AS section_slug, s.title AS section_title,
           snippet(revisions_fts, 0, ${MATCH_START}, ${MATCH_END}, '…', 24) AS snippet
    FROM revisions_fts
    JOIN sections s ON s.current_revision_id = revisions_fts.rowid
    JOIN consultations c ON c.id = s.consultation_id
    WHERE revisions_fts MATCH ${match}
      ${scope.consultationId === undefined ? sql`` : sql`AND c.id = ${scope.consultationId}`}
      ${scope.sectionId === undefined ? sql`` : sql`AND s.id = ${scope.sectionId}`}
    ORDER BY rank
    LIMIT ${limit}`.execute(db);
  return rows;
}

/**
 * Comments matching `match` (which already restricts status, place and kind), newest first: FTS5
 * walks its index in descending rowid order and stops at the page, so a common word in a million
 * comments costs no more than a rare one.
 */
export async function searchComments(db: Db, match: string, limit: number, offset: number, questionId?: number): Promise<CommentHitRow[]> {
  const { rows } = await sql<CommentHitRow>`
    SELECT cm.id, cm.kind, cm.created_at, u.display_name AS author,
           c.slug AS consultation_slug, c.title AS consultation_title, s.slug AS section_slug, s.title AS section_title,
           snippet(comments_fts, 0, ${MATCH_START}, ${MATCH_END}, '…', 24) AS snippet
    FROM comments_fts
    JOIN comments cm ON cm.id = comments_fts.rowid
    JOIN sections s ON s.id = cm.section_id
    JOIN consultations c ON c.id = cm.consultation_id
    LEFT JOIN users u ON u.id = cm.author_id
    WHERE comments_fts MATCH ${match}
      ${questionId === undefined ? sql`` : sql`AND cm.question_id = ${questionId}`}
    ORDER BY comments_fts.rowid DESC
    LIMIT ${limit} OFFSET ${offset}`.execute(db);
  return rows;
}
