import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { sendCompressed } from './encoded-response';
import { notFound } from './errors';
import { sendWithInlineStylesheet } from './inline-stylesheet';
import { sectionFirstPaint } from './section-first-paint';

const SERVER_PATHS = /^\/(api|feeds)(\/|$)/;
const SECTION_PAGE = /^\/c\/([a-z0-9][a-z0-9-]*)\/([a-z0-9][a-z0-9-]*)\/?$/;

/**
 * The API reads a section page starts with, announced in a `Link` header so the browser fetches
 * them while it is still loading the script, instead of after it has run.
 */
function preloadLinks(consultation: string, section: string): string {
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
    const pathname = request.url.split('?')[0]!;
    const section = SECTION_PAGE.exec(pathname);
    reply.header('cache-control', 'no-cache');
    if (section) {
      // A signed-out reader gets the text in the page; anyone else gets the shell and fetches.
      reply.header('vary', 'cookie');
      const page = request.user ? undefined : await sectionFirstPaint(app, request, await fs.promises.readFile(index, 'utf8'), { consultation: section[1]!, section: section[2]! });
      if (page) return sendCompressed(reply, 'text/html; charset=utf-8', sendWithInlineStylesheet(reply, page, clientDir));
      reply.header('link', preloadLinks(section[1]!, section[2]!));
    }
    return reply.sendFile('index.html', clientDir, { cacheControl: false });
  });
}
