import type { RevisionDetail, RevisionSummary } from '../../contracts/consultations';
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
