import { Type } from 'typebox';
import { CommentIdParams, CommentResponse } from '../../../contracts/comments';
import { ERROR_RESPONSES, ErrorBody } from '../../../contracts/errors';
import { SectionParams } from '../../../contracts/params';
import { MarkAddressedBody, OrphanedComment } from '../../../contracts/revisions';
import type { App } from '../../../platform/fastify';
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

  app.post(
    '/api/comments/:id/addressed',
    { schema: { tags, description: 'Editors only.', params: CommentIdParams, body: MarkAddressedBody, response: { 200: CommentResponse, ...errors } } },
    async (request) => ({ comment: await markAddressed(app.db, request.user, request.params.id, request.body.revision) }),
  );
}
