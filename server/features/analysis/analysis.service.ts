import type { AnalysisJob, CampaignDetail, CampaignSummary } from '../../contracts/analysis';
import type { Db } from '../../db/database';
import { now } from '../../db/time';
import { writeTransaction } from '../../db/write-transaction';
import { enforce } from '../../platform/decisions';
import { badRequest, conflict, notFound } from '../../platform/errors';
import type { CurrentUser } from '../auth/current-user';
import { visibleResponses } from '../comments/responses.service';
import { requireConsultation, requireSection, sectionById } from '../consultations/consultations.service';
import type { AnalysisRunner } from './analysis-runner';
import { mayAnalyse } from './analysis.policy';
import { presentJob, presentQuote, wordChanges } from './analysis.presenter';
import * as repo from './analysis.repository';
import { themesOf } from './themes.repository';

const MEMBERS_PAGE = 50;

/** Queues an analysis of the consultation (or one section's themes); 409 while one is queued or running. */
export async function startAnalysis(db: Db, runner: AnalysisRunner, user: CurrentUser | null, slug: string, options: { section?: string; themeCount?: number }): Promise<AnalysisJob> {
  enforce(mayAnalyse(user));
  const consultation = await requireConsultation(db, slug);
  const section = options.section === undefined ? null : (await requireSection(db, slug, options.section)).section;
  const at = now();
  await writeTransaction(db, async (trx) => {
    if ((await repo.latestJob(trx, consultation.id))?.active_consultation_id != null) {
      throw conflict('analysis_running', 'An analysis of this consultation is already running. Wait for it to finish.');
    }
    await repo.insertJob(trx, {
      consultation_id: consultation.id,
      active_consultation_id: consultation.id,
      scope: section ? 'section' : 'consultation',
      scope_id: section?.id ?? null,
      theme_count: options.themeCount ?? null,
      status: 'queued',
      stage: 'queued',
      error: null,
      requested_by: user!.id,
      created_at: at,
      started_at: null,
      finished_at: null,
    });
  });
  runner.wake();
  return presentJob((await repo.latestJob(db, consultation.id))!, section?.slug ?? null);
}

/** The latest analysis of the consultation (null before the first). */
export async function latestAnalysis(db: Db, user: CurrentUser | null, slug: string): Promise<AnalysisJob | null> {
  enforce(mayAnalyse(user));
  const consultation = await requireConsultation(db, slug);
  const job = await repo.latestJob(db, consultation.id);
  if (!job) return null;
  return presentJob(job, job.scope_id === null ? null : (await sectionById(db, job.scope_id)).section.slug);
}

async function quotes(db: Db, slug: string, ids: readonly number[]) {
  return new Map((await visibleResponses(db, ids)).map((r) => [r.id, presentQuote(slug, r)]));
}

/** Campaigns of two or more responses, largest first: anyone may read them. */
export async function listCampaigns(db: Db, slug: string, offset: number): Promise<CampaignSummary[]> {
  const consultation = await requireConsultation(db, slug);
  const rows = await repo.campaignSizes(db, consultation.id, MEMBERS_PAGE, offset);
  const texts = await quotes(db, slug, rows.map((r) => r.representative_id));
  return rows.flatMap((r) => (texts.has(r.representative_id) ? [{ id: r.id, size: Number(r.size), representative: texts.get(r.representative_id)! }] : []));
}

/** One campaign: its representative text in full and a page of its copies with the words that differ. */
export async function campaignDetail(db: Db, slug: string, campaignId: number, offset: number): Promise<CampaignDetail> {
  const consultation = await requireConsultation(db, slug);
  const campaign = await repo.findCampaign(db, consultation.id, campaignId);
  if (!campaign) throw notFound('That campaign');
  const members = await repo.campaignMembers(db, campaignId, MEMBERS_PAGE, offset);
  const texts = await quotes(db, slug, [campaign.representative_id, ...members.map((m) => m.comment_id)]);
  const representative = texts.get(campaign.representative_id);
  if (!representative) throw notFound('That campaign');
  return {
    id: campaign.id,
    size: await repo.campaignSize(db, campaignId),
    representative,
    members: members.flatMap((m) => {
      const response = texts.get(m.comment_id);
      return response && response.id !== representative.id ? [{ response, changes: wordChanges(representative.body, response.body) }] : [];
    }),
  };
}

/** Takes a wrongly grouped response out of its campaign; grouping never puts it back. */
export async function splitFromCampaign(db: Db, user: CurrentUser | null, slug: string, campaignId: number, commentId: number): Promise<void> {
  enforce(mayAnalyse(user));
  const consultation = await requireConsultation(db, slug);
  const member = await repo.findResponse(db, commentId);
  if (!member || member.campaign_id !== campaignId || member.consultation_id !== consultation.id) throw badRequest('That response is not in this campaign.', 'commentId');
  await writeTransaction(db, async (trx) => {
    await repo.setCampaign(trx, [commentId], null, true);
    const campaign = (await repo.findCampaign(trx, consultation.id, campaignId))!;
    if (campaign.representative_id === commentId) {
      const [next] = await repo.campaignMembers(trx, campaignId, 1, 0);
      if (next) await repo.setRepresentative(trx, campaignId, next.comment_id);
    }
    await repo.logChange(trx, consultation.id, user!.id, 'campaign.split', { campaignId, commentId }, now());
  });
}

/** Joins campaign `otherId` into `campaignId`: every copy of the other moves, pinned there. */
export async function joinCampaigns(db: Db, user: CurrentUser | null, slug: string, campaignId: number, otherId: number): Promise<void> {
  enforce(mayAnalyse(user));
  const consultation = await requireConsultation(db, slug);
  if (campaignId === otherId || !(await repo.findCampaign(db, consultation.id, campaignId)) || !(await repo.findCampaign(db, consultation.id, otherId))) {
    throw badRequest('Choose another campaign of this consultation to join.', 'campaignId');
  }
  await writeTransaction(db, async (trx) => {
    const moved = await repo.allCampaignMemberIds(trx, otherId);
    await repo.setCampaign(trx, moved, campaignId, true);
    await repo.deleteCampaign(trx, otherId);
    await repo.logChange(trx, consultation.id, user!.id, 'campaign.join', { campaignId, joined: otherId, responses: moved.length }, now());
  });
}

/** Campaign id and theme labels of each comment, for the exports. */
export async function analysisColumns(db: Db, commentIds: readonly number[]): Promise<{ campaigns: Map<number, number>; themes: Map<number, string[]> }> {
  return { campaigns: await repo.campaignsOf(db, commentIds), themes: await themesOf(db, commentIds) };
}
