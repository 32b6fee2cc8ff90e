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
  // Hashed file names change with every build, so they are looked up per request (a rebuild
  // while running is picked up) and may be cached for a year.
  await app.register(fastifyStatic, {
    root: path.join(clientDir, 'assets'),
    prefix: '/assets/',
    index: false,
    maxAge: '365d',
    immutable: true,
  });
  app.get('/*', { schema: { hide: true } }, async (request, reply) => {
    if (SERVER_PATHS.test(request.url)) throw notFound(`${request.method} ${request.url.split('?')[0]}`);
    return reply.header('cache-control', 'no-cache').sendFile('index.html', clientDir, { maxAge: 0, immutable: false });
  });
}
