import type { SearchQuery, SearchResults } from '../../contracts/search';
import { SEARCH_PAGE_SIZE } from '../../contracts/search';
import type { Db } from '../../db/database';
import { usesPostgres } from '../../db/postgres';
import { badRequest } from '../../platform/errors';
import { dateRangeMatch } from './date-tokens';
import { searchCommentsPostgres, searchSectionsPostgres } from './search-postgres.repository';
import { type CommentHitRow, earliestComment, findScope, MATCH_END, MATCH_START, type Scope, searchComments, searchSections, type SectionHitRow } from './search.repository';

/** Words beyond this many add little to a search and cost a posting-list walk each. */
const MAX_TERMS = 16;
const MAX_SECTION_HITS = 20;

/** The words of `q`: only those with a letter or digit count, at most MAX_TERMS. */
function searchWords(q: string): string[] {
  return q
    .normalize('NFKC')
    .replace(/\p{Cc}/gu, ' ') // FTS5 strings end at NUL; no control character is part of a word
    .split(/\s+/u)
    .filter((word) => /[\p{L}\p{N}]/u.test(word))
    .slice(0, MAX_TERMS);
}

/**
 * The words of `q` as FTS5 strings, each double-quoted (inner quotes doubled), so no input is
 * ever read as FTS5 syntax: `AND`, `-`, `*`, `:` and unbalanced quotes are just text.
 * Undefined when there are no words.
 */
export function matchTerms(q: string): string | undefined {
  const terms = searchWords(q).map((word) => `"${word.replaceAll('"', '""')}"`);
  return terms.length > 0 ? terms.join(' ') : undefined;
}

/** The same words for `websearch_to_tsquery`, each quoted so `or` and `-` stay words (inner quotes become spaces). */
function websearchTerms(q: string): string {
  return searchWords(q)
    .map((word) => `"${word.replaceAll('"', ' ')}"`)
    .join(' ');
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
  if (usesPostgres(db)) return searchPostgres(db, query, scope, page);
  const commentMatch = `body : (${terms}) AND ${filters.join(' AND ')}`;
  // Answers to one question: a condition on the matching rows (questions are few and answers many).
  const rows = await searchComments(db, commentMatch, SEARCH_PAGE_SIZE + 1, (page - 1) * SEARCH_PAGE_SIZE, query.question);
  const sections = wantsSections(query, page) ? await searchSections(db, terms, scope, MAX_SECTION_HITS) : [];
  return results(rows, sections, page);
}

/** Sections match only a plain search's first page: a filter by kind, question or date is about comments. */
const wantsSections = (query: SearchQuery, page: number): boolean => page === 1 && !query.kind && !query.question && !query.from && !query.to;

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString();

/** The same search on PostgreSQL (`search` has checked the query and found the scope). */
async function searchPostgres(db: Db, query: SearchQuery, scope: Scope, page: number): Promise<SearchResults> {
  const words = websearchTerms(query.q);
  const filters = {
    ...scope,
    ...(query.kind ? { kind: query.kind } : {}),
    ...(query.question !== undefined ? { questionId: query.question } : {}),
    ...(query.from ? { since: `${query.from}T00:00:00.000Z` } : {}),
    ...(query.to ? { until: nextDay(query.to) } : {}),
  };
  const rows = await searchCommentsPostgres(db, words, filters, SEARCH_PAGE_SIZE + 1, (page - 1) * SEARCH_PAGE_SIZE);
  const sections = wantsSections(query, page) ? await searchSectionsPostgres(db, words, scope, MAX_SECTION_HITS) : [];
  return results(rows, sections, page);
}

function results(rows: CommentHitRow[], sections: SectionHitRow[], page: number): SearchResults {
  return {
    sections: sections.map(place),
    comments: rows.slice(0, SEARCH_PAGE_SIZE).map(commentHit),
    page,
    hasMore: rows.length > SEARCH_PAGE_SIZE,
  };
}
