import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { notFound } from './errors';

const SERVER_PATHS = /^\/(api|feeds)(\/|$)/;
const SECTION_PAGE = /^\/c\/([a-z0-9][a-z0-9-]*)\/([a-z0-9][a-z0-9-]*)\/?$/;

/**
 * The API reads a section page starts with, announced in a `Link` header so the browser fetches
 * them while it is still loading the script, instead of after it has run.
 */
function preloadLinks(pathname: string): string | undefined {
  const match = SECTION_PAGE.exec(pathname);
  if (!match) return undefined;
  const [, consultation, section] = match;
  const urls = [`/api/consultations/${consultation}/sections/${section}`, `/api/consultations/${consultation}`];
  return urls.map((url) => `<${url}>; rel=preload; as=fetch; crossorigin`).join(', ');
}

/**
 * Serves the built client: hashed assets cached for a year (precompressed), and `index.html` for every other
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
    // The build writes .br and .gz beside each asset; the smallest one the browser accepts is sent.
    preCompressed: true,
  });
  app.get('/*', { schema: { hide: true } }, async (request, reply) => {
    if (SERVER_PATHS.test(request.url)) throw notFound(`${request.method} ${request.url.split('?')[0]}`);
    const preload = preloadLinks(request.url.split('?')[0]!);
    if (preload) reply.header('link', preload);
    return reply.header('cache-control', 'no-cache').sendFile('index.html', clientDir, { cacheControl: false });
  });
}
