import { ErrorBody } from '../../contracts/errors';
import { OutcomeReport } from '../../contracts/outcome';
import { ConsultationParams } from '../../contracts/params';
import type { App } from '../../platform/fastify';
import { getOutcome } from '../../commands/read-outcome';

/** The published outcome page's data: public once the response is out, 404 before. */
export async function outcomeRoutes(app: App): Promise<void> {
  app.get(
    '/api/consultations/:c/outcome',
    {
      schema: {
        tags: ['consultations'],
        description: 'The published response: its text, every version published after the consultation opened (crediting merged proposals and addressed comments), and the responses by kind and section. 404 until the outcome is published.',
        params: ConsultationParams,
        response: { 200: OutcomeReport, 404: ErrorBody },
      },
    },
    async (request) => getOutcome(app.db, request.params.c),
  );
}
