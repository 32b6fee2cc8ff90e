import { Type } from 'typebox';
import { AnalysisJob, CampaignDetail, CampaignSummary, SectionCampaign, StartAnalysisBody, ThemeChange } from '../../contracts/analysis';
import { ERROR_RESPONSES } from '../../contracts/errors';
import type { App } from '../../platform/fastify';
import { AnalysisRunner, runners } from './analysis-runner';
import { analysisChanges } from './themes.service';
import { sectionCampaigns } from './section-campaigns.service';
import { campaignDetail, joinCampaigns, latestAnalysis, listCampaigns, splitFromCampaign, startAnalysis } from './analysis.service';

const Slug = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,99}$' });
const Id = Type.Integer({ minimum: 1 });
const Page = Type.Object({ offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })) }, { additionalProperties: false });
const tags = ['analysis'];

/** Response analysis: jobs (run by the runner this plugin starts) and campaigns. Themes are in themes.routes.ts. */
export async function analysisRoutes(app: App): Promise<void> {
  const runner = new AnalysisRunner(app.db, app.log);
  app.addHook('onReady', () => runner.start());
  app.addHook('onClose', () => runner.stop());
  runners.set(app.db, runner);

  app.post(
    '/api/consultations/:c/analysis',
    {
      schema: {
        tags,
        description: 'Queues an analysis (editors and moderators): campaigns grouped across the consultation, themes proposed for it or one section (or new responses suggested into its existing themes). 409 while one is queued or running.',
        params: Type.Object({ c: Slug }),
        body: StartAnalysisBody,
        response: { 202: Type.Object({ job: AnalysisJob }), ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => reply.code(202).send({ job: await startAnalysis(app.db, runner, request.user, request.params.c, request.body ?? {}) }),
  );

  app.get(
    '/api/consultations/:c/analysis',
    { schema: { tags, description: 'The latest analysis job and its progress.', params: Type.Object({ c: Slug }), response: { 200: Type.Object({ job: Type.Union([AnalysisJob, Type.Null()]) }), ...ERROR_RESPONSES } } },
    async (request) => ({ job: await latestAnalysis(app.db, request.user, request.params.c) }),
  );

  app.get(
    '/api/consultations/:c/analysis/changes',
    { schema: { tags, description: "Every analyst's change to campaigns and themes, newest first.", params: Type.Object({ c: Slug }), response: { 200: Type.Object({ changes: Type.Array(ThemeChange) }), ...ERROR_RESPONSES } } },
    async (request) => ({ changes: await analysisChanges(app.db, request.user, request.params.c) }),
  );

  app.get(
    '/api/consultations/:c/campaigns',
    {
      schema: { tags, description: 'Campaigns (near-identical responses sent by many people), largest first, 50 a page. Public.', params: Type.Object({ c: Slug }), querystring: Page, response: { 200: Type.Object({ campaigns: Type.Array(CampaignSummary) }), ...ERROR_RESPONSES } },
    },
    async (request) => ({ campaigns: await listCampaigns(app.db, request.params.c, request.query.offset ?? 0) }),
  );

  app.get(
    '/api/consultations/:c/sections/:s/campaigns',
    {
      schema: {
        tags,
        description: "Campaigns with two or more visible responses in this section, largest first: the representative comment's id and, for the other copies, only the words that differ. Public.",
        params: Type.Object({ c: Slug, s: Slug }),
        response: { 200: Type.Object({ campaigns: Type.Array(SectionCampaign) }), ...ERROR_RESPONSES },
      },
    },
    async (request) => ({ campaigns: await sectionCampaigns(app.db, request.params.c, request.params.s) }),
  );

  app.get(
    '/api/consultations/:c/campaigns/:id',
    {
      schema: { tags, description: 'One campaign: the representative text and a page of copies, each with only the words that differ. Public.', params: Type.Object({ c: Slug, id: Id }), querystring: Page, response: { 200: CampaignDetail, ...ERROR_RESPONSES } },
    },
    async (request) => campaignDetail(app.db, request.params.c, request.params.id, request.query.offset ?? 0),
  );

  app.post(
    '/api/consultations/:c/campaigns/:id/split',
    {
      schema: { tags, description: 'Takes a wrongly grouped response out of the campaign (editors and moderators).', params: Type.Object({ c: Slug, id: Id }), body: Type.Object({ commentId: Id }, { additionalProperties: false }), response: { 204: Type.Null(), ...ERROR_RESPONSES } },
    },
    async (request, reply) => {
      await splitFromCampaign(app.db, request.user, request.params.c, request.params.id, request.body.commentId);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/consultations/:c/campaigns/:id/join',
    {
      schema: { tags, description: 'Joins another campaign into this one (editors and moderators).', params: Type.Object({ c: Slug, id: Id }), body: Type.Object({ campaignId: Id }, { additionalProperties: false }), response: { 204: Type.Null(), ...ERROR_RESPONSES } },
    },
    async (request, reply) => {
      await joinCampaigns(app.db, request.user, request.params.c, request.params.id, request.body.campaignId);
      return reply.code(204).send(null);
    },
  );
}
