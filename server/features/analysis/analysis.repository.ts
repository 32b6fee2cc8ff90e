import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../../db/database';
import type { AnalysisJobsTable, AnalysisResponsesTable } from '../../db/schema-analysis';
import type { Trx } from '../../db/write-transaction';
import { visibleResponseAtColumn } from '../comments/responses.service';
import { prepared } from '../../db/prepared-query';

export type JobRow = Selectable<AnalysisJobsTable>;
export type ResponseRow = Selectable<AnalysisResponsesTable>;

// Jobs

export async function insertJob(db: Db, values: Insertable<AnalysisJobsTable>): Promise<number> {
  return (await db.insertInto('analysis_jobs').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

export async function latestJob(db: Db, consultationId: number): Promise<JobRow | undefined> {
  return db.selectFrom('analysis_jobs').selectAll().where('consultation_id', '=', consultationId).orderBy('id', 'desc').limit(1).executeTakeFirst();
}

export async function nextQueuedJob(db: Db): Promise<JobRow | undefined> {
  return db.selectFrom('analysis_jobs').selectAll().where('status', '=', 'queued').orderBy('id').limit(1).executeTakeFirst();
}

/** Claims a queued job; false when another runner took it first. */
export async function claimJob(db: Db, id: number, at: string): Promise<boolean> {
  const result = await db.updateTable('analysis_jobs').set({ status: 'running', stage: 'reading', started_at: at }).where('id', '=', id).where('status', '=', 'queued').executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function setJobProgress(db: Db, id: number, stage: string, progress: number): Promise<void> {
  await db.updateTable('analysis_jobs').set({ stage, progress }).where('id', '=', id).execute();
}

export async function finishJob(db: Db, id: number, at: string, error: string | null): Promise<void> {
  await db
    .updateTable('analysis_jobs')
    .set({ status: error ? 'failed' : 'done', stage: error ? 'failed' : 'done', progress: error ? undefined : 100, error, finished_at: at, active_consultation_id: null })
    .where('id', '=', id)
    .execute();
}

/** Jobs a stopped process left running go back to the queue, to run again from the start. */
export async function requeueRunningJobs(db: Db): Promise<void> {
  await db.updateTable('analysis_jobs').set({ status: 'queued', stage: 'queued', progress: 0 }).where('status', '=', 'running').execute();
}

// Responses the analysis has seen, and campaigns

export async function seenResponses(db: Db, consultationId: number): Promise<ResponseRow[]> {
  return db.selectFrom('analysis_responses').selectAll().where('consultation_id', '=', consultationId).orderBy('comment_id').execute();
}

export async function insertResponses(trx: Trx, rows: Insertable<AnalysisResponsesTable>[]): Promise<void> {
  // SQLite binds at most 32,766 parameters per statement: 6 columns × 1,000 rows stays well under.
  for (let i = 0; i < rows.length; i += 1_000) {
    await insertResponseRows(trx, rows.slice(i, i + 1_000));
  }
}

const insertResponseRows = prepared((trx: Trx, rows: Insertable<AnalysisResponsesTable>[]) =>
  trx.insertInto('analysis_responses').values(rows).onConflict((oc) => oc.column('comment_id').doNothing()),
);

export async function setCampaign(db: Db, commentIds: readonly number[], campaignId: number | null, pinned?: boolean): Promise<void> {
  for (let i = 0; i < commentIds.length; i += 1_000) {
    await db
      .updateTable('analysis_responses')
      .set({ campaign_id: campaignId, ...(pinned === undefined ? {} : { pinned: pinned ? 1 : 0 }) })
      .where('comment_id', 'in', commentIds.slice(i, i + 1_000))
      .execute();
  }
}

export async function insertCampaign(db: Db, consultationId: number, representativeId: number, at: string): Promise<number> {
  return (await db.insertInto('analysis_campaigns').values({ consultation_id: consultationId, representative_id: representativeId, created_at: at }).returning('id').executeTakeFirstOrThrow()).id;
}

export async function findCampaign(db: Db, consultationId: number, id: number) {
  return db.selectFrom('analysis_campaigns').selectAll().where('id', '=', id).where('consultation_id', '=', consultationId).executeTakeFirst();
}

export async function setRepresentative(db: Db, campaignId: number, commentId: number): Promise<void> {
  await db.updateTable('analysis_campaigns').set({ representative_id: commentId }).where('id', '=', campaignId).execute();
}

export async function deleteCampaign(db: Db, id: number): Promise<void> {
  await db.deleteFrom('analysis_campaigns').where('id', '=', id).execute();
}

/** Campaigns of two or more visible responses, largest first: a hidden, pending or deleted member is not counted. */
export async function campaignSizes(db: Db, consultationId: number, limit: number, offset: number) {
  return db
    .selectFrom('analysis_responses as r')
    .innerJoin('analysis_campaigns as c', 'c.id', 'r.campaign_id')
    .select((eb) => ['c.id', 'c.representative_id', eb.fn.countAll<number>().as('size')])
    .where('c.consultation_id', '=', consultationId)
    .where((eb) => eb.exists(visibleResponseAtColumn(db, 'r.comment_id')))
    .groupBy(['c.id', 'c.representative_id'])
    .having((eb) => eb.fn.countAll(), '>', 1)
    .orderBy('size', 'desc')
    .orderBy('c.id')
    .limit(limit)
    .offset(offset)
    .execute();
}

/** The campaign's visible members. */
export async function campaignMembers(db: Db, campaignId: number, limit: number, offset: number): Promise<ResponseRow[]> {
  return db.selectFrom('analysis_responses').selectAll().where('campaign_id', '=', campaignId).where((eb) => eb.exists(visibleResponseAtColumn(db, 'analysis_responses.comment_id'))).orderBy('comment_id').limit(limit).offset(offset).execute();
}

/** Every member, hidden ones too: a join moves them all. */
export async function allCampaignMemberIds(db: Db, campaignId: number): Promise<number[]> {
  return (await db.selectFrom('analysis_responses').select('comment_id').where('campaign_id', '=', campaignId).execute()).map((r) => r.comment_id);
}

export async function campaignSize(db: Db, campaignId: number): Promise<number> {
  const row = await db.selectFrom('analysis_responses').select((eb) => eb.fn.countAll<number>().as('n')).where('campaign_id', '=', campaignId).where((eb) => eb.exists(visibleResponseAtColumn(db, 'analysis_responses.comment_id'))).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findResponse(db: Db, commentId: number): Promise<ResponseRow | undefined> {
  return db.selectFrom('analysis_responses').selectAll().where('comment_id', '=', commentId).executeTakeFirst();
}

/** The visible campaign members placed in a section, with their campaign's representative, by campaign (at most `limit`). */
export async function sectionCampaignMembers(db: Db, sectionId: number, limit: number) {
  return db
    .selectFrom('analysis_responses as r')
    .innerJoin('analysis_campaigns as c', 'c.id', 'r.campaign_id')
    .select(['r.comment_id', 'c.id as campaign_id', 'c.representative_id'])
    // No index on section: this reads campaign members only (the campaign index) rather than every response.
    .where('r.campaign_id', 'is not', null)
    .where('r.section_id', '=', sectionId)
    .where((eb) => eb.exists(visibleResponseAtColumn(db, 'r.comment_id')))
    .orderBy('c.id')
    .orderBy('r.comment_id')
    .limit(limit)
    .execute();
}

/** Campaign of each response among `ids` (for the exports). */
export async function campaignsOf(db: Db, ids: readonly number[]): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('analysis_responses').select(['comment_id', 'campaign_id']).where('comment_id', 'in', [...ids]).where('campaign_id', 'is not', null).execute();
  return new Map(rows.map((r) => [r.comment_id, r.campaign_id!]));
}

export async function logChange(db: Db, consultationId: number, actorId: number, action: string, detail: object, at: string): Promise<void> {
  await db.insertInto('analysis_changes').values({ consultation_id: consultationId, actor_id: actorId, action, detail: JSON.stringify(detail), created_at: at }).execute();
}

export async function changes(db: Db, consultationId: number, limit: number) {
  return db
    .selectFrom('analysis_changes as ch')
    .innerJoin('users as u', 'u.id', 'ch.actor_id')
    .select(['ch.id', 'ch.action', 'ch.detail', 'ch.created_at', 'u.display_name as actor'])
    .where('ch.consultation_id', '=', consultationId)
    .orderBy('ch.id', 'desc')
    .limit(limit)
    .execute();
}

/** The placed responses among `ids`. */
const responsesWithIds = prepared((db: Db, ids: readonly number[]) => db.selectFrom('analysis_responses').selectAll().where('comment_id', 'in', [...ids]));

export async function responsesIn(db: Db, ids: readonly number[]): Promise<ResponseRow[]> {
  if (ids.length === 0) return [];
  return responsesWithIds(db, ids);
}
