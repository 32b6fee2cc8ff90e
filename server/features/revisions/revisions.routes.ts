import { Type } from 'typebox';
import { RevisionDetail, RevisionSummary } from '../../contracts/consultations';
import { ErrorBody } from '../../contracts/errors';
import { RevisionParams, SectionParams } from '../../contracts/params';
import type { App } from '../../platform/fastify';
import { notFound } from '../../platform/errors';
import { requireSection } from '../consultations/consultations.service';
import { presentRevision, presentRevisionSummary } from './revisions.presenter';
import { findRevisionByNumber, listRevisions } from './revisions.repository';

export async function revisionsRoutes(app: App): Promise<void> {
  app.get(
    '/api/consultations/:c/sections/:s/revisions',
    { schema: { tags: ['revisions'], params: SectionParams, response: { 200: Type.Object({ revisions: Type.Array(RevisionSummary) }), 404: ErrorBody } } },
    async (request) => {
      const { section } = await requireSection(app.db, request.params.c, request.params.s);
      return { revisions: (await listRevisions(app.db, section.id)).map(presentRevisionSummary) };
    },
  );

  app.get(
    '/api/consultations/:c/sections/:s/revisions/:n',
    { schema: { tags: ['revisions'], params: RevisionParams, response: { 200: Type.Object({ revision: RevisionDetail }), 404: ErrorBody } } },
    async (request) => {
      const { section } = await requireSection(app.db, request.params.c, request.params.s);
      const revision = await findRevisionByNumber(app.db, section.id, request.params.n);
      if (!revision) throw notFound('Revision');
      return { revision: presentRevision(revision) };
    },
  );
}
