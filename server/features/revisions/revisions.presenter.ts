import type { RevisionDetail, RevisionSummary } from '../../contracts/consultations';
import type { SectionLock } from '../../contracts/revisions';
import type { RevisionWithAuthor } from './revisions.repository';

type AuthorColumns = { author_username: string | null; author_display_name: string | null };

function presentAuthor(row: AuthorColumns): RevisionDetail['author'] {
  return row.author_username ? { username: row.author_username, displayName: row.author_display_name ?? row.author_username } : null;
}

export function presentRevisionSummary(row: AuthorColumns & { number: number; summary: string; sha256: string; created_at: string }): RevisionSummary {
  return { number: row.number, summary: row.summary, sha256: row.sha256, createdAt: row.created_at, author: presentAuthor(row) };
}

export function presentRevision(row: RevisionWithAuthor): RevisionDetail {
  return {
    ...presentRevisionSummary(row),
    markdown: row.markdown,
    html: row.html,
    blocks: JSON.parse(row.blocks_json),
  };
}

export function presentLock(row: { locked_at: string | null; locked_reason: string | null; locked_by_username: string | null; locked_by_display_name: string | null }): SectionLock {
  if (!row.locked_at) return null;
  const by = row.locked_by_username ? { username: row.locked_by_username, displayName: row.locked_by_display_name ?? row.locked_by_username } : null;
  return { at: row.locked_at, reason: row.locked_reason, by };
}
