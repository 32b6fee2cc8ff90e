import { normalizeIP } from '@fastify/rate-limit';
import { Type } from 'typebox';
import { LIMITED_ERROR_RESPONSES } from '../../contracts/errors';
import { SectionParams } from '../../contracts/params';
import {
  DraftBody,
  ListProposalsQuery,
  MAX_DECISION_NOTE_LENGTH,
  MAX_PROPOSAL_COMMENT_LENGTH,
  MAX_PROPOSAL_SUMMARY_LENGTH,
  MergeBody,
  PreviewBody,
  PreviewResponse,
  ProposalComment,
  ProposalCommentBody,
  ProposalDetail,
  ProposalDraft,
  ProposalIdParams,
  ProposalList,
  ProposalSummary,
  RejectBody,
  ReviseProposalBody,
  SubmitProposalBody,
} from '../../contracts/proposals';
import { sendEncodedOnce } from '../../platform/encoded-response';
import type { App } from '../../platform/fastify';
import { type FieldMessages, rejectInvalidForm } from '../../platform/form-errors';
import { rejectProposal, withdrawProposal } from '../../commands/decide-proposal';
import { mergeProposal } from '../../commands/merge-proposal';
import { getProposal, getProposalSignedOut } from './proposals.review';
import {
  addProposalComment,
  getDraft,
  listProposalComments,
  listSectionProposals,
  previewMarkdown,
  reviseProposal,
  saveDraft,
  submitProposal,
} from './proposals.service';

const tags = ['proposals'];
const errors = LIMITED_ERROR_RESPONSES;
const ProposalResponse = Type.Object({ proposal: ProposalSummary });

const TEXT_MESSAGES: FieldMessages = { missing: 'Enter the text you propose.', invalid: 'The text must be 100,000 characters or fewer.' };
const SUBMIT_MESSAGES: Record<keyof SubmitProposalBody, FieldMessages> = {
  baseRevision: { missing: 'Reload the page and start from the current text.', invalid: 'Reload the page and start from the current text.' },
  markdown: TEXT_MESSAGES,
  summary: { missing: 'Enter a summary of your change.', invalid: `Enter a summary of your change in ${MAX_PROPOSAL_SUMMARY_LENGTH} characters or fewer.` },
};
const REVISE_MESSAGES = { markdown: SUBMIT_MESSAGES.markdown, summary: SUBMIT_MESSAGES.summary };
const REJECT_MESSAGES = {
  reason: { missing: 'Enter the reason for rejecting this proposal.', invalid: `Enter the reason in ${MAX_DECISION_NOTE_LENGTH.toLocaleString('en-GB')} characters or fewer.` },
};
const COMMENT_MESSAGES = {
  body: { missing: 'Enter your comment.', invalid: `Enter your comment in ${MAX_PROPOSAL_COMMENT_LENGTH.toLocaleString('en-GB')} characters or fewer.` },
};

/** Proposed edits: Markdown preview, private drafts, proposals, their review (merge, reject) and discussion. */
export async function proposalsRoutes(app: App): Promise<void> {
  // The editor previews as the person types (debounced): generous for one person, a ceiling for scripts.
  const previewLimit = {
    max: 120,
    timeWindow: '1 minute',
    keyGenerator: (request: { user: { id: number } | null; ip: string }) => (request.user ? `preview:user:${request.user.id}` : `preview:ip:${normalizeIP(request.ip ?? '')}`),
  };

  app.post(
    '/api/markdown/preview',
    { config: { rateLimit: previewLimit }, schema: { tags, body: PreviewBody, response: { 200: PreviewResponse, ...errors } } },
    async (request, reply) => {
      // A large text previewed again is the same cached rendering: its ~300 KB of JSON is written once, not per request.
      const rendered = await previewMarkdown(request.user, request.body.markdown);
      return sendEncodedOnce(reply, rendered, rendered);
    },
  );

  app.get(
    '/api/consultations/:c/sections/:s/proposals/draft',
    { schema: { tags, params: SectionParams, response: { 200: Type.Object({ draft: ProposalDraft }), ...errors } } },
    async (request) => ({ draft: await getDraft(app.db, request.user, request.params.c, request.params.s) }),
  );

  app.put(
    '/api/consultations/:c/sections/:s/proposals/draft',
    { schema: { tags, params: SectionParams, body: DraftBody, response: { 200: Type.Object({ draft: ProposalDraft }), ...errors } } },
    async (request) => ({ draft: await saveDraft(app.db, request.user, request.params.c, request.params.s, request.body) }),
  );

  app.get(
    '/api/consultations/:c/sections/:s/proposals',
    { schema: { tags, params: SectionParams, querystring: ListProposalsQuery, response: { 200: ProposalList, ...errors } } },
    async (request) => listSectionProposals(app.db, request.user, request.params.c, request.params.s, request.query),
  );

  app.post(
    '/api/consultations/:c/sections/:s/proposals',
    { attachValidation: true, schema: { tags, params: SectionParams, body: SubmitProposalBody, response: { 201: ProposalResponse, ...errors } } },
    async (request, reply) => {
      rejectInvalidForm(request, SubmitProposalBody, SUBMIT_MESSAGES);
      const proposal = await submitProposal(app.db, request.user, request.params.c, request.params.s, request.body, app.config);
      return reply.status(201).send({ proposal });
    },
  );

  app.get(
    '/api/proposals/:id',
    { schema: { tags, params: ProposalIdParams, response: { 200: Type.Object({ proposal: ProposalDetail }), ...errors } } },
    async (request, reply) => {
      if (request.user) return { proposal: await getProposal(app.db, request.user, request.params.id) };
      // Signed-out readers share one cached view object: it is encoded once, not per reader.
      const view = await getProposalSignedOut(app.db, request.params.id);
      return sendEncodedOnce(reply, view, view);
    },
  );

  app.patch(
    '/api/proposals/:id',
    { attachValidation: true, schema: { tags, params: ProposalIdParams, body: ReviseProposalBody, response: { 200: ProposalResponse, ...errors } } },
    async (request) => {
      rejectInvalidForm(request, ReviseProposalBody, REVISE_MESSAGES);
      return { proposal: await reviseProposal(app.db, request.user, request.params.id, request.body, app.config) };
    },
  );

  app.post(
    '/api/proposals/:id/withdraw',
    { schema: { tags, params: ProposalIdParams, response: { 200: ProposalResponse, ...errors } } },
    async (request) => ({ proposal: await withdrawProposal(app.db, request.user, request.params.id) }),
  );

  app.post(
    '/api/proposals/:id/merge',
    { schema: { tags, params: ProposalIdParams, body: MergeBody, response: { 200: Type.Object({ proposal: ProposalSummary, revision: Type.Integer() }), ...errors } } },
    async (request) => mergeProposal(app.db, request.user, request.params.id, request.body),
  );

  app.post(
    '/api/proposals/:id/reject',
    { attachValidation: true, schema: { tags, params: ProposalIdParams, body: RejectBody, response: { 200: ProposalResponse, ...errors } } },
    async (request) => {
      rejectInvalidForm(request, RejectBody, REJECT_MESSAGES);
      return { proposal: await rejectProposal(app.db, request.user, request.params.id, request.body.reason) };
    },
  );

  app.get(
    '/api/proposals/:id/comments',
    { schema: { tags, params: ProposalIdParams, response: { 200: Type.Object({ comments: Type.Array(ProposalComment) }), ...errors } } },
    async (request) => ({ comments: await listProposalComments(app.db, request.user, request.params.id) }),
  );

  app.post(
    '/api/proposals/:id/comments',
    { attachValidation: true, schema: { tags, params: ProposalIdParams, body: ProposalCommentBody, response: { 201: Type.Object({ comment: ProposalComment }), ...errors } } },
    async (request, reply) => {
      rejectInvalidForm(request, ProposalCommentBody, COMMENT_MESSAGES);
      return reply.status(201).send({ comment: await addProposalComment(app.db, request.user, request.params.id, request.body.body, app.config) });
    },
  );
}
