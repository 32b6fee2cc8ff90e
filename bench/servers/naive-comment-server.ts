/**
 * Child-process entry: the least a durable live comment server can do — Fastify and better-sqlite3
 * (WAL, SQLITE_SYNCHRONOUS as the app uses it, FULL by default), one transaction (one fsync) per
 * comment, then the comment broadcast to every subscribed socket. No accounts, checks, events log,
 * Markdown or read-back. Agora's comment write is measured against it under the same load.
 */
import path from 'node:path';
import SQLite from 'better-sqlite3';
import Fastify from 'fastify';
import { WebSocketServer } from 'ws';
import { loadConfig } from '../../server/config';
import { BENCH_CHANNEL, BENCH_SECTION_PATH } from '../lib/agora-data';
import { serveFromChildProcess } from '../lib/server-process';

/** What the load generator reads first to pick passages to quote (two blocks are plenty). */
const SECTION = {
  section: {
    revision: {
      blocks: [
        { id: 'b1', text: 'Put a single body in charge of the largest technology programmes.' },
        { id: 'b2', text: 'Publish what is spent on technology, department by department.' },
      ],
    },
  },
};

serveFromChildProcess(async () => {
  const { dataDir, sqliteSynchronous } = loadConfig(process.env);
  const db = new SQLite(path.join(dataDir, 'naive.db'));
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${sqliteSynchronous}`);
  db.exec('CREATE TABLE comments (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, body TEXT NOT NULL, anchor TEXT, created_at TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO comments (kind, body, anchor, created_at) VALUES (?, ?, ?, ?) RETURNING id');

  const app = Fastify({ logger: false });
  const wss = new WebSocketServer({ server: app.server, path: '/api/live' });
  wss.on('connection', (socket) => {
    socket.on('message', () => socket.send(JSON.stringify({ type: 'subscribed', channels: [BENCH_CHANNEL] })));
  });
  app.get(BENCH_SECTION_PATH, async () => SECTION);
  app.post<{ Body: { kind: string; body: string; anchor?: unknown } }>(`${BENCH_SECTION_PATH}/comments`, async (request, reply) => {
    const { kind, body, anchor } = request.body;
    const createdAt = new Date().toISOString();
    const { id } = insert.get(kind, body, anchor ? JSON.stringify(anchor) : null, createdAt) as { id: number };
    const comment = { id, kind, body, anchor: anchor ?? null, createdAt };
    const frame = JSON.stringify({ type: 'event', seq: id, channel: BENCH_CHANNEL, event: { type: 'comment.created', data: comment } });
    for (const socket of wss.clients) socket.send(frame);
    return reply.code(201).send({ comment });
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url,
    close: async () => {
      for (const socket of wss.clients) socket.terminate();
      wss.close();
      await app.close();
      db.close();
    },
  };
});
