import { ErrorBody } from '../../contracts/errors';
import { BulkAction, HideBody, ModeratedResponse, PageQuery, ProposalQueue, ProposalReportResponse, type ProposalTarget, ReportBody } from '../../contracts/moderation';
import { ProposalIdParams } from '../../contracts/proposals';
import type { App } from '../../platform/fastify';
import { rejectInvalidForm } from '../../platform/form-errors';
import { enforce } from '../../platform/decisions';
import { mayAct } from '../auth/users.policy';
import { mayModerate } from '../moderation/moderation.policy';
import { getProposalQueue, moderateProposalContent, reportProposalContent } from '../moderation/proposal-moderation.service';

const tags = ['moderation'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const REASON = { missing: 'Enter the reason, which everyone will see.', invalid: 'This must be 500 characters or fewer.' };

/** Where each target's routes live: `/api/proposals/:id/…` and `/api/proposal-comments/:id/…`. */
const PATHS: Record<ProposalTarget, { path: string; name: string }> = {
  proposal: { path: '/api/proposals/:id', name: 'proposal' },
  'proposal-comment': { path: '/api/proposal-comments/:id', name: 'comment' },
};
const ACTIONS = BulkAction.anyOf.map((literal) => literal.const);

/** Reporting, and moderators hiding, restoring, approving and clearing reports on proposals and their discussion; their queue. */
export async function proposalModerationRoutes(app: App): Promise<void> {
  for (const [target, { path, name }] of Object.entries(PATHS) as [ProposalTarget, (typeof PATHS)[ProposalTarget]][]) {
    app.post(
      `${path}/report`,
      { attachValidation: true, schema: { tags, params: ProposalIdParams, body: ReportBody, response: { 201: ProposalReportResponse, ...errors } } },
      async (request, reply) => {
        enforce(mayAct(request.user));
        rejectInvalidForm(request, ReportBody, {
          reason: { missing: `Select why you are reporting this ${name}.`, invalid: `Select why you are reporting this ${name}.` },
          note: { missing: `Say what is wrong with this ${name}.`, invalid: 'Your note must be 1,000 characters or fewer.' },
        });
        const report = await reportProposalContent(app.db, request.user, target, request.params.id, request.body, app.config);
        return reply.status(201).send({ report });
      },
    );

    for (const action of ACTIONS) {
      const withReason = action === 'hide';
      app.post(
        `${path}/${action}`,
        { attachValidation: withReason, schema: { tags, params: ProposalIdParams, ...(withReason ? { body: HideBody } : {}), response: { 200: ModeratedResponse, ...errors } } },
        async (request) => {
          enforce(mayModerate(request.user));
          if (withReason) rejectInvalidForm(request, HideBody, { reason: REASON });
          return moderateProposalContent(app.db, request.user, target, request.params.id, action, (request.body as { reason?: string } | undefined)?.reason);
        },
      );
    }
  }

  app.get(
    '/api/moderation/proposal-queue',
    { schema: { tags, querystring: PageQuery, response: { 200: ProposalQueue, ...errors } } },
    async (request) => getProposalQueue(app.db, request.user, request.query.page ?? 1),
  );
}
