import type { Socket } from 'node:net';
import websocket from '@fastify/websocket';
import { Value } from 'typebox/value';
import { LIVE_CLOSE } from '../../contracts/live';
import { ClientMessage } from '../../contracts/live-messages';
import { ErrorBody } from '../../contracts/errors';
import { onDatabaseChange } from '../../db/postgres';
import { clientAddress } from '../../platform/client-address';
import { type App, isSafeMethod } from '../../platform/fastify';
import { forbidden, HttpError } from '../../platform/errors';
import { isAllowedOrigin } from '../../platform/security';
import { LiveConnection } from './live-connection';
import { LiveHub } from './live-hub';

declare module 'fastify' {
  interface FastifyInstance {
    liveHub: LiveHub;
  }
}

const MAX_MESSAGE_BYTES = 16 * 1024;

/**
 * `GET /api/live`: the websocket endpoint. Registered on the root app (not encapsulated) because
 * it adds an app-wide hook: after any state-changing request completes — and so after its
 * transaction committed — the hub is told to read the event log.
 */
export async function registerLive(app: App): Promise<void> {
  await app.register(websocket, { options: { maxPayload: MAX_MESSAGE_BYTES } });
  const hub = new LiveHub(app.db, { heartbeatMs: app.config.liveHeartbeatMs, retentionDays: app.config.eventRetentionDays }, app.log);
  await hub.start();
  app.decorate('liveHub', hub);
  app.addHook('onResponse', async (request) => {
    if (!isSafeMethod(request.method)) hub.wake();
  });
  // PostgreSQL: another instance's commit (or a CLI's) arrives as a notification; the log is read as for our own.
  const stopHearing = onDatabaseChange(app.db, () => hub.wake());
  app.addHook('preClose', async () => {
    stopHearing();
    await hub.stop();
  });
  // Open sockets per address (IPv6: per /64), so no one address can hold the server's file handles.
  const socketsPerAddress = new Map<string, number>();

  app.get(
    '/api/live',
    {
      websocket: true,
      schema: { tags: ['live'], description: 'Websocket: see the live protocol in the design', response: { 403: ErrorBody } },
      // Browsers always send Origin on websocket upgrades; a page elsewhere must not ride the session cookie.
      preValidation: async (request) => {
        if (!isAllowedOrigin(app, request)) throw forbidden('Live updates are only available to this site’s own pages.', 'bad_origin');
        if ((socketsPerAddress.get(clientAddress(request)) ?? 0) >= app.config.liveMaxSocketsPerAddress) {
          throw new HttpError(429, 'too_many_sockets', 'Too many live connections from this address. Close some tabs and try again.');
        }
      },
    },
    (socket, request) => {
      const address = clientAddress(request);
      socketsPerAddress.set(address, (socketsPerAddress.get(address) ?? 0) + 1);
      const tooSlow = (slow: LiveConnection) => {
        request.log.warn({ buffered: slow.socket.bufferedAmount }, 'live client too slow; disconnecting');
        slow.close(LIVE_CLOSE.tooSlow, 'too slow: reconnect and resume');
      };
      // The upgraded request's socket is the one `ws` writes to (absent under injectWS).
      const stream = request.raw.socket as Socket | undefined;
      const connection = new LiveConnection(socket, request.user, request.sessionToken, app.config.liveMaxBufferedBytes, tooSlow, stream);
      hub.add(connection);
      socket.on('pong', () => {
        connection.alive = true;
      });
      socket.on('message', (raw, isBinary) => {
        connection.alive = true;
        if (!connection.takeMessageToken()) {
          connection.close(LIVE_CLOSE.tooManyMessages, 'too many messages');
          return;
        }
        let message: unknown;
        try {
          message = isBinary ? undefined : JSON.parse(raw.toString());
        } catch {
          message = undefined;
        }
        if (!Value.Check(ClientMessage, message)) {
          connection.send({ type: 'error', code: 'invalid_message', message: 'Messages must be JSON: subscribe, unsubscribe, presence or ping.' });
          return;
        }
        hub.handle(connection, message);
      });
      socket.on('close', () => {
        connection.closed = true;
        hub.remove(connection);
        const open = socketsPerAddress.get(address)! - 1;
        if (open > 0) socketsPerAddress.set(address, open);
        else socketsPerAddress.delete(address);
      });
    },
  );
}
