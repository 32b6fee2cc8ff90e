import { Type } from 'typebox';
import { CommentIdParams, CommentResponse } from '../../../contracts/comments';
import { ERROR_RESPONSES, ErrorBody } from '../../../contracts/errors';
import { SectionParams } from '../../../contracts/params';
import { AnchorReviewItem, MarkAddressedBody, OrphanedComment, RepointBody, SectionAnchorsPage, SectionAnchorsQuery } from '../../../contracts/revisions';
import type { App } from '../../../platform/fastify';
import { listAnchorReview, listSectionAnchorsFor, reviewAnchor } from './anchor-review.service';
import { listOrphaned, markAddressed } from './anchoring.service';

const tags = ['comments'];
const errors = ERROR_RESPONSES;

/** Comments after their passage changed: the orphaned ones, and "addressed in revision N". */
export async function commentAnchorsRoutes(app: App): Promise<void> {
  app.get(
    '/api/consultations/:c/sections/:s/orphaned-comments',
    {
      schema: {
        tags,
        description: 'Comments whose passage was changed or removed by a later revision, each with the passage as written.',
        params: SectionParams,
        response: { 200: Type.Object({ comments: Type.Array(OrphanedComment) }), 404: ErrorBody },
      },
    },
    async (request) => ({ comments: await listOrphaned(app.db, request.user, request.params.c, request.params.s) }),
  );

  app.get(
    '/api/consultations/:c/sections/:s/anchors',
    {
      schema: {
        tags,
        description:
          'The comments of the section that point at a passage and are visible to the caller, in the order of the text, 500 a page (`nextAfter` continues as `?after=`, null at the end): `anchor.exact` is what the passage reads now, `anchor.quote` the words as the author quoted them, `anchor.state` anchored | moved | orphaned, and `anchor.method`/`anchor.score` how the last re-anchoring placed it (exact | diff | fuzzy | editor, 0–1).',
        params: SectionParams,
        querystring: SectionAnchorsQuery,
        response: { 200: SectionAnchorsPage, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => listSectionAnchorsFor(app.db, request.user, request.params.c, request.params.s, request.query.after),
  );

  app.get(
    '/api/consultations/:c/sections/:s/anchor-review',
    {
      schema: {
        tags,
        description: 'Editors only. Comments re-anchoring placed with a score below 0.8 that no editor has checked (at most 20, least sure first), each with up to 3 look-alike passages of the current text to re-point it to.',
        params: SectionParams,
        response: { 200: Type.Object({ comments: Type.Array(AnchorReviewItem) }), 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => ({ comments: await listAnchorReview(app.db, request.user, request.params.c, request.params.s) }),
  );

  const review = { tags, params: CommentIdParams, response: { 200: CommentResponse, ...errors } };
  app.post(
    '/api/comments/:id/anchor/confirm',
    { schema: { ...review, description: 'Editors only. The placement is right: the comment leaves the review list.' } },
    async (request) => ({ comment: await reviewAnchor(app.db, request.user, request.params.id, { kind: 'confirm' }) }),
  );
  app.post(
    '/api/comments/:id/anchor/orphan',
    { schema: { ...review, description: 'Editors only. The passage is gone: the comment is orphaned (409 when it already is).' } },
    async (request) => ({ comment: await reviewAnchor(app.db, request.user, request.params.id, { kind: 'orphan' }) }),
  );
  app.post(
    '/api/comments/:id/anchor/repoint',
    {
      schema: {
        ...review,
        description: 'Editors only. Points the comment at `text.slice(start, end)` of block `blockId` in the current version (400 naming the field when that is not a passage of it).',
        body: RepointBody,
      },
    },
    async (request) => ({ comment: await reviewAnchor(app.db, request.user, request.params.id, { kind: 'repoint', ...request.body }) }),
  );

  app.post(
    '/api/comments/:id/addressed',
    { schema: { tags, description: 'Editors only.', params: CommentIdParams, body: MarkAddressedBody, response: { 200: CommentResponse, ...errors } } },
    async (request) => ({ comment: await markAddressed(app.db, request.user, request.params.id, request.body.revision) }),
  );
}
