import { UserIdParams, UserResponse } from '../../contracts/auth';
import { CommentIdParams, CommentResponse } from '../../contracts/comments';
import { ERROR_RESPONSES, ErrorBody } from '../../contracts/errors';
import {
  BlockAccountBody,
  BlockAccountResponse,
  BulkActionBody,
  CloseBody,
  CommentsResponse,
  HideBody,
  ModerationLog,
  ModerationQueue,
  PageQuery,
  ReportBody,
  ReportResponse,
  SectionCommentsState,
} from '../../contracts/moderation';
import { SectionParams } from '../../contracts/params';
import type { App } from '../../platform/fastify';
import { rejectInvalidForm } from '../../platform/form-errors';
import { enforce } from '../../platform/decisions';
import { mayAct } from '../auth/users.policy';
import { blockAccount, unblockAccount } from './accounts.service';
import { getLog } from './moderation-log.service';
import { mayModerate } from './moderation.policy';
import { getQueue } from './moderation.queue';
import { closeSectionComments, closeThread, moderateComment, moderateComments, reopenSectionComments, reopenThread } from './moderation.service';
import { reportComment } from './reports.service';

const tags = ['moderation'];
const errors = ERROR_RESPONSES;
const TOO_LONG = 'This must be 500 characters or fewer.';
const REASON = { missing: 'Enter the reason, which everyone will see.', invalid: TOO_LONG };
const NOTE = { missing: 'Enter a note saying why comments are closed.', invalid: TOO_LONG };

/**
 * Reports, hiding and restoring, closing threads and sections, the queue, bulk actions, blocking
 * and the public log. Forms are checked after who may act (401/403 before 400), with plain messages.
 */
export async function moderationRoutes(app: App): Promise<void> {
  app.post(
    '/api/comments/:id/report',
    { attachValidation: true, schema: { tags, params: CommentIdParams, body: ReportBody, response: { 201: ReportResponse, ...errors } } },
    async (request, reply) => {
      enforce(mayAct(request.user));
      rejectInvalidForm(request, ReportBody, {
        reason: { missing: 'Select why you are reporting this comment.', invalid: 'Select why you are reporting this comment.' },
        note: { missing: 'Say what is wrong with this comment.', invalid: 'Your note must be 1,000 characters or fewer.' },
      });
      const report = await reportComment(app.db, request.user, request.params.id, request.body, app.config);
      return reply.status(201).send({ report });
    },
  );

  app.post(
    '/api/comments/:id/hide',
    { attachValidation: true, schema: { tags, params: CommentIdParams, body: HideBody, response: { 200: CommentResponse, ...errors } } },
    async (request) => {
      enforce(mayModerate(request.user));
      rejectInvalidForm(request, HideBody, { reason: REASON });
      return { comment: await moderateComment(app.db, request.user, request.params.id, 'hide', request.body.reason) };
    },
  );

  app.post(
    '/api/comments/:id/restore',
    { schema: { tags, params: CommentIdParams, response: { 200: CommentResponse, ...errors } } },
    async (request) => ({ comment: await moderateComment(app.db, request.user, request.params.id, 'restore') }),
  );

  app.post(
    '/api/comments/:id/close',
    { attachValidation: true, schema: { tags, params: CommentIdParams, body: CloseBody, response: { 200: CommentResponse, ...errors } } },
    async (request) => {
      enforce(mayModerate(request.user));
      rejectInvalidForm(request, CloseBody, { note: NOTE });
      return { comment: await closeThread(app.db, request.user, request.params.id, request.body.note) };
    },
  );

  app.post(
    '/api/comments/:id/reopen',
    { schema: { tags, params: CommentIdParams, response: { 200: CommentResponse, ...errors } } },
    async (request) => ({ comment: await reopenThread(app.db, request.user, request.params.id) }),
  );

  app.post(
    '/api/consultations/:c/sections/:s/close-comments',
    { attachValidation: true, schema: { tags, params: SectionParams, body: CloseBody, response: { 200: SectionCommentsState, ...errors } } },
    async (request) => {
      enforce(mayModerate(request.user));
      rejectInvalidForm(request, CloseBody, { note: NOTE });
      return closeSectionComments(app.db, request.user, request.params.c, request.params.s, request.body.note);
    },
  );

  app.post(
    '/api/consultations/:c/sections/:s/reopen-comments',
    { schema: { tags, params: SectionParams, response: { 200: SectionCommentsState, ...errors } } },
    async (request) => reopenSectionComments(app.db, request.user, request.params.c, request.params.s),
  );

  app.get(
    '/api/moderation/queue',
    { schema: { tags, querystring: PageQuery, response: { 200: ModerationQueue, ...errors } } },
    async (request) => getQueue(app.db, request.user, request.query.page ?? 1),
  );

  app.post(
    '/api/moderation/actions',
    { schema: { tags, body: BulkActionBody, response: { 200: CommentsResponse, ...errors } } },
    async (request) => ({ comments: await moderateComments(app.db, request.user, request.body) }),
  );

  app.post(
    '/api/moderation/users/:id/block',
    { attachValidation: true, schema: { tags, params: UserIdParams, body: BlockAccountBody, response: { 200: BlockAccountResponse, ...errors } } },
    async (request) => {
      enforce(mayModerate(request.user));
      rejectInvalidForm(request, BlockAccountBody, {
        reason: { missing: 'Enter the reason for blocking this account.', invalid: TOO_LONG },
        hideAll: { missing: 'Choose whether to hide their comments.', invalid: 'Choose whether to hide their comments.' },
      });
      return blockAccount(app.db, request.user, request.params.id, request.body);
    },
  );

  app.post(
    '/api/moderation/users/:id/unblock',
    { schema: { tags, params: UserIdParams, response: { 200: UserResponse, ...errors } } },
    async (request) => unblockAccount(app.db, request.user, request.params.id),
  );

  app.get(
    '/api/moderation/log',
    { schema: { tags, description: 'Public: every moderation action, newest first, without any comment text.', querystring: PageQuery, response: { 200: ModerationLog, 400: ErrorBody } } },
    async (request) => getLog(app.db, request.query.page ?? 1),
  );
}
