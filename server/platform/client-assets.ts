import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { notFound } from './errors';

const SERVER_PATHS = /^\/(api|feeds)(\/|$)/;

/**
 * Serves the built client: hashed assets cached for a year, and `index.html` for every other
 * non-API path so that reloading any app URL works (History API routing).
 */
export async function registerClientAssets(app: FastifyInstance, clientDir: string): Promise<void> {
  const index = path.join(clientDir, 'index.html');
  if (!fs.existsSync(index)) {
    app.log.warn({ clientDir }, 'client build missing: only the API is served (run `npm run build`)');
    return;
  }
  await app.register(fastifyStatic, {
    root: clientDir,
    wildcard: false,
    index: false,
    setHeaders(res, file) {
      const hashed = file.includes(`${path.sep}assets${path.sep}`);
      res.header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  app.get('/*', { schema: { hide: true } }, async (request, reply) => {
    if (SERVER_PATHS.test(request.url)) throw notFound(`${request.method} ${request.url.split('?')[0]}`);
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
