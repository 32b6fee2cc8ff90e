import { Type } from 'typebox';
import { Theme, ThemeBody } from '../../contracts/analysis';
import { ERROR_RESPONSES } from '../../contracts/errors';
import type { App } from '../../platform/fastify';
import { assignResponse, createTheme, deleteTheme, editTheme, listThemes, mergeTheme, removeResponse, splitTheme } from './themes.service';

const Slug = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,99}$' });
const Id = Type.Integer({ minimum: 1 });
const ThemeParams = Type.Object({ c: Slug, id: Id });
const Label = Type.String({ minLength: 1, maxLength: 200 });
const tags = ['analysis'];
const NoContent = { 204: Type.Null(), ...ERROR_RESPONSES };

/** Themes and their curation, for editors and moderators; every change is logged with who and when. */
export async function themesRoutes(app: App): Promise<void> {
  app.get(
    '/api/consultations/:c/themes',
    {
      schema: {
        tags,
        description: 'Themes of the consultation (or of one section with `section`), largest first: key phrases, size, counts by kind, representative responses.',
        params: Type.Object({ c: Slug }),
        querystring: Type.Object({ section: Type.Optional(Slug) }, { additionalProperties: false }),
        response: { 200: Type.Object({ themes: Type.Array(Theme) }), ...ERROR_RESPONSES },
      },
    },
    async (request) => ({ themes: await listThemes(app.db, request.user, request.params.c, request.query.section) }),
  );

  app.post(
    '/api/consultations/:c/themes',
    {
      schema: { tags, description: "An analyst's own theme.", params: Type.Object({ c: Slug }), body: Type.Object({ label: Label, section: Type.Optional(Slug) }, { additionalProperties: false }), response: { 201: Type.Object({ id: Type.Integer() }), ...ERROR_RESPONSES } },
    },
    async (request, reply) => reply.code(201).send({ id: await createTheme(app.db, request.user, request.params.c, request.body.label.trim(), request.body.section) }),
  );

  app.patch(
    '/api/consultations/:c/themes/:id',
    { schema: { tags, description: "Renames a theme or sets the body's response to it.", params: ThemeParams, body: ThemeBody, response: NoContent } },
    async (request, reply) => {
      await editTheme(app.db, request.user, request.params.c, request.params.id, request.body);
      return reply.code(204).send(null);
    },
  );

  app.delete('/api/consultations/:c/themes/:id', { schema: { tags, description: 'Deletes a theme (its responses become unthemed there).', params: ThemeParams, response: NoContent } }, async (request, reply) => {
    await deleteTheme(app.db, request.user, request.params.c, request.params.id);
    return reply.code(204).send(null);
  });

  app.post(
    '/api/consultations/:c/themes/:id/merge',
    { schema: { tags, description: 'Merges this theme into another.', params: ThemeParams, body: Type.Object({ into: Id }, { additionalProperties: false }), response: NoContent } },
    async (request, reply) => {
      await mergeTheme(app.db, request.user, request.params.c, request.params.id, request.body.into);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/consultations/:c/themes/:id/split',
    {
      schema: {
        tags,
        description: 'Moves the chosen responses of this theme into a new theme.',
        params: ThemeParams,
        body: Type.Object({ label: Label, commentIds: Type.Array(Id, { minItems: 1, maxItems: 1000 }) }, { additionalProperties: false }),
        response: { 201: Type.Object({ id: Type.Integer() }), ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => reply.code(201).send({ id: await splitTheme(app.db, request.user, request.params.c, request.params.id, request.body.label.trim(), request.body.commentIds) }),
  );

  app.post(
    '/api/consultations/:c/themes/:id/responses',
    {
      schema: { tags, description: 'Puts a response into this theme; with `from`, moves it out of that theme.', params: ThemeParams, body: Type.Object({ commentId: Id, from: Type.Optional(Id) }, { additionalProperties: false }), response: NoContent },
    },
    async (request, reply) => {
      await assignResponse(app.db, request.user, request.params.c, request.params.id, request.body.commentId, request.body.from);
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/api/consultations/:c/themes/:id/responses/:commentId',
    { schema: { tags, description: 'Takes a response out of this theme; later runs never suggest it there again.', params: Type.Object({ c: Slug, id: Id, commentId: Id }), response: NoContent } },
    async (request, reply) => {
      await removeResponse(app.db, request.user, request.params.c, request.params.id, request.params.commentId);
      return reply.code(204).send(null);
    },
  );
}
