import type { Db } from '../../db/database';
import { unindexed } from '../../db/unindexed';

/** Rows are read in keyset batches, so an export of a million comments holds one batch at a time. */
const BATCH = 1_000;

// `unindexed` keeps SQLite on the primary key (id order, no sort): with the consultation's index
// it would sort the whole consultation again for every batch.

/** A comment with what response analysis found: its campaign (public, as campaigns are) and its themes (staff). */
export type AnalysedCommentRow = CommentExportRow & { campaign_id: number | null; themes: string };

export interface CommentExportRow {
  id: number;
  section: string;
  section_title: string;
  kind: string;
  question_number: number | null;
  question: string | null;
  parent_id: number | null;
  thread_id: number;
  quoted_passage: string | null;
  anchor_state: string | null;
  written_on_version: number;
  body: string;
  author: string | null;
  respondent_type: string | null;
  organisation: string | null;
  created_at: string;
  edited_at: string | null;
  endorsements: number;
  official: number;
  addressed_in_version: number | null;
  status: string;
  hidden_reason: string | null;
  hidden_at: string | null;
  open_reports: number;
}

/** Every comment of the consultation in id order; only visible ones unless `everyStatus`. */
export async function* commentRows(db: Db, consultationId: number, everyStatus: boolean): AsyncGenerator<CommentExportRow> {
  for (let after = 0; ; ) {
    const rows = await db
      .selectFrom('comments as cm')
      .innerJoin('sections as s', 's.id', 'cm.section_id')
      .innerJoin('revisions as r', 'r.id', 'cm.revision_id')
      .leftJoin('revisions as addressed', 'addressed.id', 'cm.addressed_revision_id')
      .leftJoin('users as u', 'u.id', 'cm.author_id')
      // Question positions run 1…N with no gaps (questions are added at the end and reordered as a
      // whole, never deleted), so the position is the number respondents saw.
      .leftJoin('questions as q', 'q.id', 'cm.question_id')
      .select((eb) => [
        'cm.id',
        's.slug as section',
        's.title as section_title',
        'cm.kind',
        'q.position as question_number',
        'q.text as question',
        'cm.parent_id',
        eb.fn.coalesce('cm.root_id', 'cm.id').as('thread_id'),
        'cm.quote_posted as quoted_passage',
        'cm.anchor_state',
        'r.number as written_on_version',
        'cm.body',
        'u.display_name as author',
        'cm.respondent_type',
        'cm.organisation_name as organisation',
        'cm.created_at',
        'cm.edited_at',
        'cm.endorsement_count as endorsements',
        'cm.official',
        'addressed.number as addressed_in_version',
        'cm.status',
        'cm.hidden_reason',
        'cm.hidden_at',
        'cm.report_count as open_reports',
      ])
      .where(unindexed(db, 'cm.consultation_id'), '=', consultationId)
      .where('cm.id', '>', after)
      .$if(!everyStatus, (qb) => qb.where(unindexed(db, 'cm.status'), '=', 'visible'))
      .orderBy('cm.id')
      .limit(BATCH)
      .execute();
    if (rows.length === 0) return;
    yield* rows;
    after = rows.at(-1)!.id;
  }
}

export interface RevisionExportRow {
  id: number;
  section: string;
  section_title: string;
  version: number;
  summary: string;
  author: string | null;
  created_at: string;
  sha256: string;
  markdown: string;
}

/** Every version of every section of the consultation, section by section, oldest first. */
export async function* revisionRows(db: Db, consultationId: number): AsyncGenerator<RevisionExportRow> {
  for (let after = 0; ; ) {
    const rows = await db
      .selectFrom('revisions as r')
      .innerJoin('sections as s', 's.id', 'r.section_id')
      .leftJoin('users as u', 'u.id', 'r.author_id')
      .select(['r.id', 's.slug as section', 's.title as section_title', 'r.number as version', 'r.summary', 'u.display_name as author', 'r.created_at', 'r.sha256', 'r.markdown'])
      .where('s.consultation_id', '=', consultationId)
      .where('r.id', '>', after)
      .orderBy('r.id')
      .limit(BATCH)
      .execute();
    if (rows.length === 0) return;
    yield* rows;
    after = rows.at(-1)!.id;
  }
}

export async function findConsultation(db: Db, slug: string): Promise<{ id: number; slug: string; title: string } | undefined> {
  return db.selectFrom('consultations').select(['id', 'slug', 'title']).where('slug', '=', slug).executeTakeFirst();
}
