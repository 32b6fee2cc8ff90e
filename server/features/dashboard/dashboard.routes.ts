import { Dashboard } from '../../contracts/dashboard';
import { ERROR_RESPONSES } from '../../contracts/errors';
import { ConsultationParams } from '../../contracts/params';
import type { App } from '../../platform/fastify';
import { getDashboard } from './dashboard.service';

/** The editors' dashboard of one consultation. */
export async function dashboardRoutes(app: App): Promise<void> {
  app.get(
    '/api/consultations/:c/dashboard',
    {
      schema: {
        tags: ['dashboard'],
        description: 'Responses over time, by section, kind and question; what waits for editors. Editors and admins only.',
        params: ConsultationParams,
        response: { 200: Dashboard, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => reply.header('cache-control', 'no-store').send(await getDashboard(app.db, request.user, request.params.c)),
  );
}
