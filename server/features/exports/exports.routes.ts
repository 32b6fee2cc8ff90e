import type { Readable } from 'node:stream';
import { Type } from 'typebox';
import { ErrorBody } from '../../contracts/errors';
import type { App } from '../../platform/fastify';
import { EXPORT_FILES, type ExportFile, exportConsultation, exportLinks } from './exports.service';

const ExportFileName = Type.Unsafe<ExportFile>(Type.Union(EXPORT_FILES.map((file) => Type.Literal(file))));

const ExportParams = Type.Object({
  c: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,99}$' }),
  file: ExportFileName,
});
/** Streamed as it is read, never built in memory (Fastify sends a stream without serialising it). */
const ExportBody = Type.Unsafe<Readable>({ type: 'string', description: 'CSV, JSON Lines or a ZIP of them' });
const ExportQuery = Type.Object(
  { scope: Type.Optional(Type.Union([Type.Literal('public'), Type.Literal('staff')], { default: 'public' })) },
  { additionalProperties: false },
);

const ExportLinks = Type.Object({
  exports: Type.Array(
    Type.Object({ file: ExportFileName, scope: Type.Union([Type.Literal('public'), Type.Literal('staff')]), url: Type.String(), title: Type.String() }),
  ),
});

export async function exportsRoutes(app: App): Promise<void> {
  app.get(
    '/api/consultations/:c/exports',
    {
      schema: {
        tags: ['exports'],
        description: 'The downloads the caller may take for this consultation (staff exports only for editors and moderators).',
        params: Type.Object({ c: ExportParams.properties.c }),
        response: { 200: ExportLinks, 404: ErrorBody },
      },
    },
    async (request) => ({ exports: await exportLinks(app.db, request.user, request.params.c) }),
  );


  app.get(
    '/api/consultations/:c/exports/:file',
    {
      schema: {
        tags: ['exports'],
        description:
          'Every comment (or every version of every section) of a consultation, streamed as CSV (RFC 4180, UTF-8 with BOM, formula-like cells prefixed with an apostrophe) or JSON Lines. ' +
          '`scope=public` (the default) holds only what anyone may read; `scope=staff` (editors and moderators) adds pending, hidden and deleted comments with their status and moderation reasons. No export holds email addresses, passwords or sessions.',
        params: ExportParams,
        querystring: ExportQuery,
        response: { 200: ExportBody, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const { body, contentType, filename } = await exportConsultation(app.db, request.user, request.params.c, request.params.file, request.query.scope ?? 'public');
      return reply.type(contentType).header('content-disposition', `attachment; filename="${filename}"`).header('cache-control', 'no-store').send(body);
    },
  );
}
