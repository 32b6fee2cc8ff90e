import type { SearchQuery, SearchResults } from '../../contracts/search';
import { SEARCH_PAGE_SIZE } from '../../contracts/search';
import type { Db } from '../../db/database';
import { badRequest } from '../../platform/errors';
import { dateRangeMatch } from './date-tokens';
import { type CommentHitRow, earliestComment, findScope, MATCH_END, MATCH_START, searchComments, searchSections, type SectionHitRow } from './search.repository';

/** Words beyond this many add little to a search and cost a posting-list walk each. */
const MAX_TERMS = 16;
const MAX_SECTION_HITS = 20;

/**
 * The words of `q` as FTS5 strings, each double-quoted (inner quotes doubled), so no input is
 * ever read as FTS5 syntax: `AND`, `-`, `*`, `:` and unbalanced quotes are just text. Only words
 * with a letter or digit count; undefined when there are none.
 */
export function matchTerms(q: string): string | undefined {
  const terms = q
    .normalize('NFKC')
    .replace(/\p{Cc}/gu, ' ') // FTS5 strings end at NUL; no control character is part of a word
    .split(/\s+/u)
    .filter((word) => /[\p{L}\p{N}]/u.test(word))
    .slice(0, MAX_TERMS)
    .map((word) => `"${word.replaceAll('"', '""')}"`);
  return terms.length > 0 ? terms.join(' ') : undefined;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** snippet() returns stored text raw: escape it, then turn the match marks into <mark>. */
export function snippetHtml(raw: string): string {
  return raw
    .replace(/[&<>"']/g, (c) => ESCAPES[c]!)
    .replaceAll(MATCH_START, '<mark>')
    .replaceAll(MATCH_END, '</mark>');
}

const place = (row: SectionHitRow) => ({
  consultation: { slug: row.consultation_slug, title: row.consultation_title },
  section: { slug: row.section_slug, title: row.section_title },
  snippet: snippetHtml(row.snippet),
});

const commentHit = (row: CommentHitRow) => ({ ...place(row), commentId: row.id, kind: row.kind, author: row.author, createdAt: row.created_at });

/**
 * Searches the current text of every section and every visible comment. Hidden, pending and
 * deleted comments are never found (status is part of the match), so a search shows only what
 * anyone may read.
 */
export async function search(db: Db, query: SearchQuery): Promise<SearchResults> {
  const page = query.page ?? 1;
  const empty: SearchResults = { sections: [], comments: [], page, hasMore: false };
  if (query.section && !query.consultation) throw badRequest('section: choose the consultation too', 'section');
  const earliest = query.from === undefined && query.to !== undefined ? await earliestComment(db) : '';
  const dates = dateRangeMatch(query.from, query.to, earliest);
  const terms = matchTerms(query.q);
  const scope = await findScope(db, query.consultation, query.section);
  if (!terms || !scope) return empty;

  const filters = [
    'status : "visible"',
    ...(scope.consultationId === undefined ? [] : [`consultation_id : "${scope.consultationId}"`]),
    ...(scope.sectionId === undefined ? [] : [`section_id : "${scope.sectionId}"`]),
    ...(query.kind ? [`kind : "${query.kind}"`] : []),
    ...(dates ? [dates] : []),
  ];
  const commentMatch = `body : (${terms}) AND ${filters.join(' AND ')}`;
  // Answers to one question: a condition on the matching rows (questions are few and answers many).
  const rows = await searchComments(db, commentMatch, SEARCH_PAGE_SIZE + 1, (page - 1) * SEARCH_PAGE_SIZE, query.question);
  const sections = page === 1 && !query.kind && !query.question && !query.from && !query.to ? await searchSections(db, terms, scope, MAX_SECTION_HITS) : [];
  return {
    sections: sections.map(place),
    comments: rows.slice(0, SEARCH_PAGE_SIZE).map(commentHit),
    page,
    hasMore: rows.length > SEARCH_PAGE_SIZE,
  };
}
