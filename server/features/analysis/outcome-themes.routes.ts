import { Type } from 'typebox';
import { ERROR_RESPONSES } from '../../contracts/errors';
import { NotThemedBody, OutcomeDraft, ThemeOutcomeBody } from '../../contracts/outcome-themes';
import type { App } from '../../platform/fastify';
import { listAsNotThemed, outcomeDraft, respondToTheme } from './outcome-themes.service';

const Slug = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,99}$' });
const tags = ['analysis'];

/** "You said, we did": editors and moderators answer each theme and sort every response before the outcome is published. */
export async function outcomeThemesRoutes(app: App): Promise<void> {
  app.get(
    '/api/consultations/:c/outcome/themes',
    {
      schema: {
        tags,
        description: 'The outcome by theme as it stands: each theme with the response so far and its linked versions, the versions to choose from, and the responses in no theme.',
        params: Type.Object({ c: Slug }),
        response: { 200: OutcomeDraft, ...ERROR_RESPONSES },
      },
    },
    async (request) => outcomeDraft(app.db, request.user, request.params.c),
  );

  app.put(
    '/api/consultations/:c/themes/:id/outcome',
    {
      schema: {
        tags,
        description: "Sets the body's response to the theme and the versions that changed because of it (replacing the earlier choice).",
        params: Type.Object({ c: Slug, id: Type.Integer({ minimum: 1 }) }),
        body: ThemeOutcomeBody,
        response: { 204: Type.Null(), ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      await respondToTheme(app.db, request.user, request.params.c, request.params.id, request.body);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/consultations/:c/outcome/not-themed',
    {
      schema: {
        tags,
        description: 'Lists responses as "not themed" on the outcome; without `commentIds`, every response that is in no theme.',
        params: Type.Object({ c: Slug }),
        body: NotThemedBody,
        response: { 200: Type.Object({ listed: Type.Integer() }), ...ERROR_RESPONSES },
      },
    },
    async (request) => ({ listed: await listAsNotThemed(app.db, request.user, request.params.c, request.body.commentIds) }),
  );
}
