import { Type } from 'typebox';
import { ConsultationDetail, ConsultationSummary, SectionDetail } from '../../contracts/consultations';
import { ErrorBody } from '../../contracts/errors';
import { ConsultationParams, SectionParams } from '../../contracts/params';
import { sendEncodedOnce } from '../../platform/encoded-response';
import type { App } from '../../platform/fastify';
import { getConsultation, getSection } from '../../commands/read-pages';
import { getConsultations } from './consultations.service';

export async function consultationsRoutes(app: App): Promise<void> {
  app.get(
    '/api/consultations',
    { schema: { tags: ['consultations'], response: { 200: Type.Object({ consultations: Type.Array(ConsultationSummary) }) } } },
    async () => ({ consultations: await getConsultations(app.db) }),
  );

  app.get(
    '/api/consultations/:c',
    { schema: { tags: ['consultations'], params: ConsultationParams, response: { 200: Type.Object({ consultation: ConsultationDetail }), 404: ErrorBody } } },
    async (request) => ({ consultation: await getConsultation(app.db, request.params.c, request.user) }),
  );

  app.get(
    '/api/consultations/:c/sections/:s',
    { schema: { tags: ['consultations'], params: SectionParams, response: { 200: Type.Object({ section: SectionDetail }), 404: ErrorBody } } },
    async (request, reply) => {
      const section = await getSection(app.db, request.params.c, request.params.s);
      return sendEncodedOnce(reply, section, { section });
    },
  );
}
