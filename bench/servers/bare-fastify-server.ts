/**
 * Child-process entry: the framework's floor — Fastify with one route (`GET /`) returning a
 * constant, no logger, no database. Whatever Agora does per request is measured against this.
 */
import Fastify from 'fastify';
import { serveFromChildProcess } from '../lib/server-process';

serveFromChildProcess(async () => {
  const app = Fastify({ logger: false });
  app.get('/', async () => ({ ok: true }));
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { url, close: () => app.close() };
});
