import { diffWords } from 'diff';
import type { AnalysisJob, ResponseQuote, WordChange } from '../../contracts/analysis';
import type { ResponseText } from '../comments/responses.service';
import type { JobRow } from './analysis.repository';

export function presentJob(row: JobRow, sectionSlug: string | null): AnalysisJob {
  return {
    id: row.id,
    status: row.status,
    stage: row.stage,
    progress: row.progress,
    scope: row.scope,
    section: sectionSlug,
    error: row.error,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  };
}

export function presentQuote(consultationSlug: string, r: ResponseText): ResponseQuote {
  return { id: r.id, section: r.section_slug, kind: r.kind, author: r.author, body: r.body, url: `/c/${consultationSlug}/${r.section_slug}#comment-${r.id}` };
}

/** Only the words of a copy that differ from the representative text; a copy's own sentences come out as one "added" run. */
export function wordChanges(representative: string, copy: string): WordChange[] {
  return diffWords(representative, copy)
    .filter((part) => part.added || part.removed)
    .map((part) => ({ change: part.added ? 'added' : 'removed', words: part.value.trim() }))
    .filter((change) => change.words.length > 0) as WordChange[];
}
