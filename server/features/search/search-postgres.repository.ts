import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../db/database';
import type { CommentKind } from '../../contracts/comments';
import { type CommentHitRow, MATCH_END, MATCH_START, type Scope, type SectionHitRow } from './search.repository';

/**
 * PostgreSQL full-text reads, over the expression indexes of migration 0014 (`comments_tsv`,
 * `revisions_tsv`): the expressions here must stay exactly those. `words` goes through
 * `websearch_to_tsquery`, which never throws on user input; ts_headline returns the text raw, so
 * the service escapes it as it does FTS5's snippet.
 */

// agora_search (migration 0014): English stemming without a stop-word list, as FTS5's porter tokenizer.
const QUERY = (words: string) => sql`websearch_to_tsquery('agora_search', ${words})`;
const HEADLINE_OPTIONS = `StartSel=${MATCH_START}, StopSel=${MATCH_END}, MaxWords=24, MinWords=12, ShortWord=2`;

/**
 * ts_headline's parser reads `<…>` as a tag and drops it, and `&…;` as an entity: the text goes in
 * with those three characters swapped for private-use ones, and `restoreMarkup` swaps them back.
 */
const MARKUP = '<>&';
const STAND_INS = '\uE000\uE001\uE002';
const headline = (text: RawBuilder<string>) => sql<string>`ts_headline('agora_search', translate(${text}, ${MARKUP}, ${STAND_INS}), q, ${HEADLINE_OPTIONS})`;

function restoreMarkup(snippet: string): string {
  return snippet.replace(/[\uE000-\uE002]/g, (c) => MARKUP[c.charCodeAt(0) - 0xe000]!);
}

export interface CommentFilters extends Scope {
  readonly kind?: CommentKind;
  /** Answers to this question only. */
  readonly questionId?: number;
  /** ISO instants: posted at or after `since`, before `until`. */
  readonly since?: string;
  readonly until?: string;
}

/** Sections whose current version matches, best match first. */
export async function searchSectionsPostgres(db: Db, words: string, scope: Scope, limit: number): Promise<SectionHitRow[]> {
  const { rows } = await sql<SectionHitRow>`
    SELECT c.slug AS consultation_slug, c.title AS consultation_title, s.slug AS section_slug, s.title AS section_title,
           ${headline(sql`agora_blocks_text(r.blocks_json)`)} AS snippet
    FROM ${QUERY(words)} AS q, sections s
    JOIN revisions r ON r.id = s.current_revision_id
    JOIN consultations c ON c.id = s.consultation_id
    WHERE to_tsvector('agora_search', agora_blocks_text(r.blocks_json)) @@ q
      ${scope.consultationId === undefined ? sql`` : sql`AND c.id = ${scope.consultationId}`}
      ${scope.sectionId === undefined ? sql`` : sql`AND s.id = ${scope.sectionId}`}
    ORDER BY ts_rank(to_tsvector('agora_search', agora_blocks_text(r.blocks_json)), q) DESC, s.id
    LIMIT ${limit}`.execute(db);
  return rows.map((row) => ({ ...row, snippet: restoreMarkup(row.snippet) }));
}

/** Visible comments matching `words` and the filters, newest first. */
export async function searchCommentsPostgres(db: Db, words: string, filters: CommentFilters, limit: number, offset: number): Promise<CommentHitRow[]> {
  const { rows } = await sql<CommentHitRow>`
    SELECT cm.id, cm.kind, cm.created_at, u.display_name AS author,
           c.slug AS consultation_slug, c.title AS consultation_title, s.slug AS section_slug, s.title AS section_title,
           ${headline(sql`cm.body`)} AS snippet
    FROM ${QUERY(words)} AS q, comments cm
    JOIN sections s ON s.id = cm.section_id
    JOIN consultations c ON c.id = cm.consultation_id
    LEFT JOIN users u ON u.id = cm.author_id
    WHERE to_tsvector('agora_search', cm.body) @@ q AND cm.status = 'visible'
      ${filters.consultationId === undefined ? sql`` : sql`AND cm.consultation_id = ${filters.consultationId}`}
      ${filters.sectionId === undefined ? sql`` : sql`AND cm.section_id = ${filters.sectionId}`}
      ${filters.kind === undefined ? sql`` : sql`AND cm.kind = ${filters.kind}`}
      ${filters.questionId === undefined ? sql`` : sql`AND cm.question_id = ${filters.questionId}`}
      ${filters.since === undefined ? sql`` : sql`AND cm.created_at >= ${filters.since}`}
      ${filters.until === undefined ? sql`` : sql`AND cm.created_at < ${filters.until}`}
    ORDER BY cm.id DESC
    LIMIT ${limit} OFFSET ${offset}`.execute(db);
  return rows.map((row) => ({ ...row, snippet: restoreMarkup(row.snippet) }));
}
