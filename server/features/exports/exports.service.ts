import type { Readable } from 'node:stream';
import type { Db } from '../../db/database';
import { badRequest, notFound } from '../../platform/errors';
import type { CurrentUser } from '../auth/current-user';
import { enforce } from '../../platform/decisions';
import { mayExportForStaff } from './exports.policy';
import { type Columns, toCsv, toJsonLines } from './exports.format';
import { type AnalysedCommentRow, type CommentExportRow, commentRows, findConsultation, type RevisionExportRow, revisionRows } from './exports.repository';
import { openDataReadme } from './exports.readme';
import { toZip } from './exports.zip';
import { analysisColumns } from '../analysis/analysis.service';
import { type SuggestionExportRow, suggestionExportRows } from '../suggestions/suggestions.service';

export const EXPORT_FILES = ['comments.csv', 'comments.jsonl', 'revisions.csv', 'revisions.jsonl', 'suggestions.csv', 'suggestions.jsonl', 'open-data.zip'] as const;
export type ExportFile = (typeof EXPORT_FILES)[number];
export type ExportScope = 'public' | 'staff';

export const PUBLIC_COMMENT_COLUMNS: Columns<AnalysedCommentRow> = [
  'id', 'section', 'section_title', 'kind', 'question_number', 'question', 'parent_id', 'thread_id', 'quoted_passage', 'anchor_state',
  'written_on_version', 'body', 'author', 'respondent_type', 'organisation', 'created_at', 'edited_at', 'endorsements', 'official',
  'addressed_in_version', 'campaign_id',
];
export const STAFF_COMMENT_COLUMNS: Columns<AnalysedCommentRow> = [...PUBLIC_COMMENT_COLUMNS, 'status', 'hidden_reason', 'hidden_at', 'open_reports', 'themes'];

const ANALYSIS_BATCH = 1_000;

/** Adds each comment's campaign and themes, looked up a batch at a time. */
async function* withAnalysis(db: Db, rows: AsyncIterable<CommentExportRow>): AsyncGenerator<AnalysedCommentRow> {
  let batch: CommentExportRow[] = [];
  const flush = async function* () {
    const { campaigns, themes } = await analysisColumns(db, batch.map((r) => r.id));
    for (const row of batch) yield { ...row, campaign_id: campaigns.get(row.id) ?? null, themes: (themes.get(row.id) ?? []).join('; ') };
    batch = [];
  };
  for await (const row of rows) {
    batch.push(row);
    if (batch.length === ANALYSIS_BATCH) yield* flush();
  }
  yield* flush();
}
export const REVISION_COLUMNS: Columns<RevisionExportRow> = ['id', 'section', 'section_title', 'version', 'summary', 'author', 'created_at', 'sha256', 'markdown'];
export const SUGGESTION_COLUMNS: Columns<SuggestionExportRow> = [
  'id', 'section', 'section_title', 'proposal_id', 'status', 'written_on_version', 'original', 'replacement', 'passage_before', 'passage_after',
  'reason', 'author', 'supports', 'created_at', 'decided_at', 'decision_note', 'accepted_in_version',
];

export interface ExportLink {
  readonly file: ExportFile;
  readonly scope: ExportScope;
  readonly url: string;
  readonly title: string;
}

const TITLES: Record<ExportFile, string> = {
  'comments.csv': 'Comments and replies (CSV, for spreadsheets)',
  'comments.jsonl': 'Comments and replies (JSON Lines)',
  'revisions.csv': 'Every version of every section (CSV)',
  'revisions.jsonl': 'Every version of every section (JSON Lines)',
  'suggestions.csv': 'Suggested changes to passages, with their supports (CSV)',
  'suggestions.jsonl': 'Suggested changes to passages, with their supports (JSON Lines)',
  'open-data.zip': 'Open data: all of the above in one ZIP, with a README of the columns',
};

/** The downloads this viewer may take: the public ones for anyone, the staff ones for editors and moderators. */
export async function exportLinks(db: Db, user: CurrentUser | null, slug: string): Promise<ExportLink[]> {
  if ((await findConsultation(db, slug)) === undefined) throw notFound('That consultation');
  const base = `/api/consultations/${slug}/exports`;
  const links: ExportLink[] = EXPORT_FILES.map((file) => ({ file, scope: 'public', url: `${base}/${file}`, title: TITLES[file] }));
  if (mayExportForStaff(user).allowed) {
    for (const file of ['comments.csv', 'comments.jsonl'] as const) {
      links.push({ file, scope: 'staff', url: `${base}/${file}?scope=staff`, title: `${TITLES[file]}, with hidden and pending comments and moderation reasons` });
    }
  }
  return links;
}

export interface ExportStream {
  readonly body: Readable;
  readonly contentType: string;
  readonly filename: string;
}

type Dataset = 'comments' | 'revisions' | 'suggestions';
type Format = 'csv' | 'jsonl';

/** One dataset in one format, read as the stream is consumed. */
function datasetStream(db: Db, consultationId: number, dataset: Dataset, format: Format, scope: ExportScope): Readable {
  const write = format === 'csv' ? toCsv : toJsonLines;
  switch (dataset) {
    case 'comments':
      return write(withAnalysis(db, commentRows(db, consultationId, scope === 'staff')), scope === 'staff' ? STAFF_COMMENT_COLUMNS : PUBLIC_COMMENT_COLUMNS);
    case 'revisions':
      return write(revisionRows(db, consultationId), REVISION_COLUMNS);
    case 'suggestions':
      return write(suggestionExportRows(db, consultationId), SUGGESTION_COLUMNS);
  }
}

/** The public exports in one ZIP with a README of their columns (never staff data: it is open data). */
function openDataZip(db: Db, consultation: { id: number; slug: string; title: string }): Readable {
  const files = EXPORT_FILES.filter((file) => file !== 'open-data.zip');
  const readme = openDataReadme(consultation, { comments: PUBLIC_COMMENT_COLUMNS, revisions: REVISION_COLUMNS, suggestions: SUGGESTION_COLUMNS }, new Date().toISOString());
  return toZip(
    files.map((file) => {
      const [dataset, format] = file.split('.') as [Dataset, Format];
      return { name: file, open: () => datasetStream(db, consultation.id, dataset, format, 'public') };
    }),
    { name: 'README.md', text: readme },
  );
}

/** A streamed export of one consultation; staff scope is checked before anything is read. */
export async function exportConsultation(db: Db, user: CurrentUser | null, slug: string, file: ExportFile, scope: ExportScope): Promise<ExportStream> {
  if (file === 'open-data.zip' && scope === 'staff') throw badRequest('The open-data ZIP holds public data only: leave out scope=staff.', 'scope');
  if (scope === 'staff') enforce(mayExportForStaff(user));
  const consultation = await findConsultation(db, slug);
  if (consultation === undefined) throw notFound('That consultation');
  if (file === 'open-data.zip') {
    return { body: openDataZip(db, consultation), contentType: 'application/zip', filename: `${slug}-open-data.zip` };
  }
  const [dataset, format] = file.split('.') as [Dataset, Format];
  return {
    body: datasetStream(db, consultation.id, dataset, format, scope),
    contentType: format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
    filename: `${slug}-${dataset}${scope === 'staff' ? '-staff' : ''}.${format}`,
  };
}
