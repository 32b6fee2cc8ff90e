import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../../db/database';
import type { SuggestionsTable, SuggestionStatus } from '../../db/schema';

/** A suggestion with its author, its base revision's number, and the state of the proposal that carries it. */
function selectSuggestions(db: Db) {
  return db
    .selectFrom('suggestions')
    .leftJoin('users as author', 'author.id', 'suggestions.author_id')
    .innerJoin('revisions as base', 'base.id', 'suggestions.base_revision_id')
    .leftJoin('revisions as merged', 'merged.id', 'suggestions.merged_revision_id')
    .leftJoin('proposals', 'proposals.id', 'suggestions.proposal_id')
    .selectAll('suggestions')
    .select([
      'author.username as author_username',
      'author.display_name as author_display_name',
      'base.number as base_revision',
      'base.markdown as base_markdown',
      'merged.number as merged_revision',
      'proposals.status as proposal_status',
      'proposals.moderation as proposal_moderation',
    ]);
}

export type SuggestionRow = Awaited<ReturnType<ReturnType<typeof selectSuggestions>['executeTakeFirstOrThrow']>>;

/** Sent suggestions of a section (never baskets), by status; `open` means its proposal is open too. */
export async function listSectionSuggestions(db: Db, sectionId: number, status: 'open' | 'accepted' | 'rejected' | undefined, limit: number): Promise<SuggestionRow[]> {
  let query = selectSuggestions(db).where('suggestions.section_id', '=', sectionId).where('suggestions.status', '!=', 'draft');
  if (status === 'open') query = query.where('suggestions.status', '=', 'open').where('proposals.status', '=', 'open');
  else if (status) query = query.where('suggestions.status', '=', status);
  return query.orderBy('suggestions.id').limit(limit).execute();
}

export async function listBasket(db: Db, sectionId: number, authorId: number): Promise<SuggestionRow[]> {
  return selectSuggestions(db)
    .where('suggestions.section_id', '=', sectionId)
    .where('suggestions.author_id', '=', authorId)
    .where('suggestions.status', '=', 'draft')
    .orderBy('suggestions.id')
    .execute();
}

export async function findSuggestions(db: Db, ids: readonly number[]): Promise<SuggestionRow[]> {
  if (ids.length === 0) return [];
  return selectSuggestions(db).where('suggestions.id', 'in', ids).execute();
}

export async function insertSuggestion(db: Db, values: Insertable<SuggestionsTable>): Promise<number> {
  return (await db.insertInto('suggestions').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

export async function deleteDraft(db: Db, id: number): Promise<boolean> {
  const result = await db.deleteFrom('suggestions').where('id', '=', id).where('status', '=', 'draft').executeTakeFirst();
  return result.numDeletedRows === 1n;
}

/** The open suggestions a proposal carries. */
export async function openSuggestionsOf(db: Db, proposalId: number): Promise<SuggestionRow[]> {
  return selectSuggestions(db).where('suggestions.proposal_id', '=', proposalId).where('suggestions.status', '=', 'open').orderBy('suggestions.id').execute();
}

/** Changes suggestions still at status `from`; returns how many changed (fewer: someone decided them first). */
export async function updateSuggestionsIfStatus(db: Db, ids: readonly number[], from: SuggestionStatus, changes: Updateable<SuggestionsTable>): Promise<number> {
  const result = await db.updateTable('suggestions').set(changes).where('id', 'in', ids).where('status', '=', from).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** How many of a proposal's suggestions are still open, and the newest revision one of them was merged into. */
export async function proposalProgress(db: Db, proposalId: number): Promise<{ open: number; lastMergedRevisionId: number | null }> {
  const row = await db
    .selectFrom('suggestions')
    .select([
      (eb) => eb.fn.sum<number>(eb.case().when('status', '=', 'open').then(1).else(0).end()).as('open'),
      (eb) => eb.fn.max('merged_revision_id').as('last_merged'),
    ])
    .where('proposal_id', '=', proposalId)
    .executeTakeFirstOrThrow();
  return { open: Number(row.open ?? 0), lastMergedRevisionId: row.last_merged === null ? null : Number(row.last_merged) };
}

/** Adds one person's support; false when they already supported it. */
export async function insertSupport(db: Db, suggestionId: number, userId: number, at: string): Promise<boolean> {
  const result = await db
    .insertInto('suggestion_supports')
    .values({ suggestion_id: suggestionId, user_id: userId, created_at: at })
    .onConflict((oc) => oc.columns(['suggestion_id', 'user_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}

export async function deleteSupport(db: Db, suggestionId: number, userId: number): Promise<boolean> {
  const result = await db.deleteFrom('suggestion_supports').where('suggestion_id', '=', suggestionId).where('user_id', '=', userId).executeTakeFirst();
  return result.numDeletedRows === 1n;
}

export async function addToSupportCount(db: Db, suggestionId: number, delta: number): Promise<void> {
  await db
    .updateTable('suggestions')
    .set((eb) => ({ support_count: eb('support_count', '+', delta) }))
    .where('id', '=', suggestionId)
    .execute();
}

/** Which of these suggestions the user supports. */
export async function supportedBy(db: Db, userId: number, ids: readonly number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('suggestion_supports').select('suggestion_id').where('user_id', '=', userId).where('suggestion_id', 'in', ids).execute();
  return new Set(rows.map((row) => row.suggestion_id));
}

/** Sent suggestions anyone may read (their proposal is visible) in a consultation's sections. */
function publicSuggestionsOf(db: Db, consultationId: number) {
  return db
    .selectFrom('suggestions')
    .innerJoin('sections', 'sections.id', 'suggestions.section_id')
    .innerJoin('proposals', 'proposals.id', 'suggestions.proposal_id')
    .where('sections.consultation_id', '=', consultationId)
    .where('suggestions.status', '!=', 'draft')
    .where('proposals.moderation', '=', 'visible');
}

/** The open suggestions with the most supports (none without), and how many are open and their supports in all. */
export async function mostSupported(db: Db, consultationId: number, limit: number) {
  const open = publicSuggestionsOf(db, consultationId).where('suggestions.status', '=', 'open');
  const [items, totals] = await Promise.all([
    open
      .leftJoin('users', 'users.id', 'suggestions.author_id')
      .select(['suggestions.id', 'suggestions.proposal_id', 'suggestions.reason', 'suggestions.support_count', 'sections.slug as section_slug', 'sections.title as section_title', 'users.display_name as author'])
      .where('suggestions.support_count', '>', 0)
      .orderBy('suggestions.support_count', 'desc')
      .orderBy('suggestions.id')
      .limit(limit)
      .execute(),
    open.select((eb) => [eb.fn.countAll().as('open'), eb.fn.sum<number>('suggestions.support_count').as('supports')]).executeTakeFirstOrThrow(),
  ]);
  return { items, open: Number(totals.open), supports: Number(totals.supports ?? 0) };
}

/** One row of the public suggestions export. */
export interface SuggestionExportRow {
  id: number;
  section: string;
  section_title: string;
  proposal_id: number | null;
  status: string;
  written_on_version: number;
  original: string;
  replacement: string;
  passage_before: string;
  passage_after: string;
  reason: string;
  author: string | null;
  supports: number;
  created_at: string;
  decided_at: string | null;
  decision_note: string | null;
  accepted_in_version: number | null;
}

/** Every sent suggestion anyone may read in the consultation, in id order, a batch at a time. */
export async function* exportRows(db: Db, consultationId: number, batch: number): AsyncGenerator<SuggestionExportRow> {
  for (let after = 0; ; ) {
    const rows = await publicSuggestionsOf(db, consultationId)
      .innerJoin('revisions as base', 'base.id', 'suggestions.base_revision_id')
      .leftJoin('revisions as merged', 'merged.id', 'suggestions.merged_revision_id')
      .leftJoin('users', 'users.id', 'suggestions.author_id')
      .select([
        'suggestions.id',
        'sections.slug as section',
        'sections.title as section_title',
        'suggestions.proposal_id',
        'suggestions.status',
        'base.number as written_on_version',
        'suggestions.original',
        'suggestions.replacement',
        'suggestions.text_before as passage_before',
        'suggestions.text_after as passage_after',
        'suggestions.reason',
        'users.display_name as author',
        'suggestions.support_count as supports',
        'suggestions.created_at',
        'suggestions.decided_at',
        'suggestions.decision_note',
        'merged.number as accepted_in_version',
      ])
      .where('suggestions.id', '>', after)
      .orderBy('suggestions.id')
      .limit(batch)
      .execute();
    if (rows.length === 0) return;
    yield* rows;
    after = rows.at(-1)!.id;
  }
}
