import { Type } from 'typebox';
import {
  CommentIdParams,
  CommentList,
  CommentPermalink,
  CommentResponse,
  CommentVersion,
  CreateCommentBody,
  ListCommentsQuery,
  RepliesPage,
  RepliesQuery,
  UpdateCommentBody,
} from '../../contracts/comments';
import { ERROR_RESPONSES } from '../../contracts/errors';
import { SectionParams } from '../../contracts/params';
import { postComment } from '../../commands/post-comment';
import { sendEncodedOnce, sendEncodedWithOwn } from '../../platform/encoded-response';
import type { App } from '../../platform/fastify';
import { getPermalink, getReplies, getVersions, listComments } from './comments.listing';
import { deleteComment, setEndorsement, updateComment } from './comments.service';

const tags = ['comments'];
const errors = ERROR_RESPONSES;

/** Comments on sections: threads, edits with history, tombstones and endorsements. */
export async function commentsRoutes(app: App): Promise<void> {
  app.get(
    '/api/consultations/:c/sections/:s/comments',
    { schema: { tags, params: SectionParams, querystring: ListCommentsQuery, response: { 200: CommentList, ...errors } } },
    async (request, reply) => {
      const { page, mine } = await listComments(app.db, request.user, request.params.c, request.params.s, request.query);
      // Readers share one cached page object: it is encoded once, not per reader; a signed-in
      // reader's own marks are spliced in beside it.
      return mine ? sendEncodedWithOwn(reply, page, page, `"mine":${JSON.stringify(mine)}`) : sendEncodedOnce(reply, page, page);
    },
  );

  app.post(
    '/api/consultations/:c/sections/:s/comments',
    { schema: { tags, params: SectionParams, body: CreateCommentBody, response: { 201: CommentResponse, ...errors } } },
    async (request, reply) => {
      const comment = await postComment(app.db, request.user, request.params.c, request.params.s, request.body, app.config);
      return reply.status(201).send({ comment });
    },
  );

  app.get(
    '/api/comments/:id',
    { schema: { tags, params: CommentIdParams, response: { 200: CommentPermalink, ...errors } } },
    async (request) => getPermalink(app.db, request.user, request.params.id),
  );

  app.get(
    '/api/comments/:id/replies',
    { schema: { tags, params: CommentIdParams, querystring: RepliesQuery, response: { 200: RepliesPage, ...errors } } },
    async (request) => getReplies(app.db, request.user, request.params.id, request.query.after),
  );

  app.patch(
    '/api/comments/:id',
    { schema: { tags, params: CommentIdParams, body: UpdateCommentBody, response: { 200: CommentResponse, ...errors } } },
    async (request) => ({ comment: await updateComment(app.db, request.user, request.params.id, request.body.body, app.config) }),
  );

  app.delete(
    '/api/comments/:id',
    { schema: { tags, params: CommentIdParams, response: { 200: CommentResponse, ...errors } } },
    async (request) => ({ comment: await deleteComment(app.db, request.user, request.params.id) }),
  );

  app.get(
    '/api/comments/:id/versions',
    { schema: { tags, params: CommentIdParams, response: { 200: Type.Object({ versions: Type.Array(CommentVersion) }), ...errors } } },
    async (request) => ({ versions: await getVersions(app.db, request.user, request.params.id) }),
  );

  app.post(
    '/api/comments/:id/endorse',
    { schema: { tags, params: CommentIdParams, response: { 200: CommentResponse, ...errors } } },
    async (request) => ({ comment: await setEndorsement(app.db, request.user, request.params.id, true) }),
  );

  app.delete(
    '/api/comments/:id/endorse',
    { schema: { tags, params: CommentIdParams, response: { 200: CommentResponse, ...errors } } },
    async (request) => ({ comment: await setEndorsement(app.db, request.user, request.params.id, false) }),
  );
}
