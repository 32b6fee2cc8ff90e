import { type TSchema, Type } from 'typebox';
import { RevisionDetail } from '../../contracts/consultations';
import { ERROR_RESPONSES, ErrorBody } from '../../contracts/errors';
import { RevisionParams, SectionParams } from '../../contracts/params';
import { DiffQuery, EditSectionBody, EditSectionResult, LockBody, RevertBody, RevisionHistory, SectionDiff, SectionLock } from '../../contracts/revisions';
import type { App } from '../../platform/fastify';
import { notFound } from '../../platform/errors';
import { requireSection } from '../consultations/consultations.service';
import { getHistory, lockSection, unlockSection } from './history.service';
import { editSection, revertSection } from '../../commands/edit-section';
import { diffRevisions, presentRevision, revisionByNumber } from './revisions.service';

const tags = ['revisions'];
const errors = ERROR_RESPONSES;
/** Fastify validates a missing body as null, so a body that may be left out must admit null. */
const optional = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** A section's history: revisions, diffs, direct edits by editors, reverts and the proposal lock. */
export async function revisionsRoutes(app: App): Promise<void> {
  app.get(
    '/api/consultations/:c/sections/:s/revisions',
    { schema: { tags, params: SectionParams, response: { 200: RevisionHistory, 404: ErrorBody } } },
    async (request) => getHistory(app.db, request.params.c, request.params.s),
  );

  app.get(
    '/api/consultations/:c/sections/:s/revisions/:n',
    { schema: { tags, params: RevisionParams, response: { 200: Type.Object({ revision: RevisionDetail }), 404: ErrorBody } } },
    async (request) => {
      const { section } = await requireSection(app.db, request.params.c, request.params.s);
      const revision = await revisionByNumber(app.db, section.id, request.params.n);
      if (!revision) throw notFound('Revision');
      return { revision: presentRevision(revision) };
    },
  );

  app.get(
    '/api/consultations/:c/sections/:s/diff',
    { schema: { tags, params: SectionParams, querystring: DiffQuery, response: { 200: SectionDiff, 400: ErrorBody, 404: ErrorBody } } },
    async (request) => diffRevisions(app.db, request.params.c, request.params.s, request.query.from, request.query.to),
  );

  app.post(
    '/api/consultations/:c/sections/:s/revisions',
    {
      schema: {
        tags,
        description: 'Editors only. A 409 `merge_conflict` has `details: {chunks, currentRevision}`; nothing is saved until the conflicts are resolved.',
        params: SectionParams,
        body: EditSectionBody,
        response: { 201: EditSectionResult, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await editSection(app.db, request.user, request.params.c, request.params.s, request.body)),
  );

  app.post(
    '/api/consultations/:c/sections/:s/revisions/:n/revert',
    { schema: { tags, params: RevisionParams, body: optional(RevertBody), response: { 201: Type.Object({ revision: RevisionDetail }), ...errors } } },
    async (request, reply) => {
      const revision = await revertSection(app.db, request.user, request.params.c, request.params.s, request.params.n, request.body?.summary);
      return reply.status(201).send({ revision });
    },
  );

  app.post(
    '/api/consultations/:c/sections/:s/lock',
    { schema: { tags, params: SectionParams, body: optional(LockBody), response: { 200: Type.Object({ lock: SectionLock }), ...errors } } },
    async (request) => ({ lock: await lockSection(app.db, request.user, request.params.c, request.params.s, request.body?.reason) }),
  );

  app.post(
    '/api/consultations/:c/sections/:s/unlock',
    { schema: { tags, params: SectionParams, response: { 200: Type.Object({ lock: SectionLock }), ...errors } } },
    async (request) => ({ lock: await unlockSection(app.db, request.user, request.params.c, request.params.s) }),
  );
}
