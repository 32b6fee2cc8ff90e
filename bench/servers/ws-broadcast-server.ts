/**
 * Child-process entry: the floor for live fan-out — a plain `ws` server that, on `POST /broadcast`,
 * sends one message of BROADCAST_BYTES (set by the parent) to every connected socket. The message is
 * serialised once and sent as the same Buffer to all, as a careful implementation would.
 */
import http from 'node:http';
import { WebSocketServer } from 'ws';
import { serveFromChildProcess } from '../lib/server-process';

const MESSAGE_BYTES = Number(process.env.BROADCAST_BYTES);

/** A comment-event-shaped JSON message padded to exactly MESSAGE_BYTES. */
function message(seq: number): Buffer {
  const event = { type: 'comment.created', seq, sectionId: 1, comment: { id: seq, authorId: 1, body: '' } };
  const padding = Math.max(0, MESSAGE_BYTES - Buffer.byteLength(JSON.stringify(event)));
  event.comment.body = 'x'.repeat(padding);
  return Buffer.from(JSON.stringify(event));
}

serveFromChildProcess(async () => {
  if (!Number.isInteger(MESSAGE_BYTES) || MESSAGE_BYTES <= 0) throw new Error('BROADCAST_BYTES must be a positive whole number');
  let seq = 0;
  const server = http.createServer((request, response) => {
    if (request.method !== 'POST' || request.url !== '/broadcast') {
      response.writeHead(404).end();
      return;
    }
    const data = message(++seq);
    for (const socket of wss.clients) socket.send(data, { binary: false });
    response.writeHead(204).end();
  });
  const wss = new WebSocketServer({ server });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      for (const socket of wss.clients) socket.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
});
