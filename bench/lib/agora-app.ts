import path from 'node:path';
import { buildApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import { loadContent } from '../../server/commands/load-content';
import type { App } from '../../server/platform/fastify';
import { BENCH_CHANNEL } from './agora-data';
import type { BenchContext } from './benchmark';
import type { RunningServer } from './server-process';
import { connectViewers, type ViewerFleet } from './ws-viewers';

/**
 * A load test sends everything from 127.0.0.1, so the per-IP ceiling would turn it into a test of
 * 429s. It is raised, not removed: the limiter's bookkeeping is still paid on every request.
 */
const LOAD_TEST_RATE_LIMIT_PER_MINUTE = 999_999_999;
/** Likewise every viewer socket comes from 127.0.0.1 (the scale benchmark opens 10,000), unless LIVE_MAX_SOCKETS_PER_ADDRESS is set. */
const LOAD_TEST_SOCKETS_PER_ADDRESS = 999_999_999;

/** Pass to `forkServer` to run the real app in a child process. */
export const AGORA_SERVER_ENTRY = path.join(import.meta.dirname, '..', 'servers', 'agora-server.ts');

/**
 * The real app as `npm start` runs it — migrated, sample content loaded, settings from `env`
 * (DATA_DIR, SQLITE_SYNCHRONOUS, LOG_LEVEL) — listening on a free port of 127.0.0.1. Usable
 * in-process, or in a child via servers/agora-server.ts. Give it a DATA_DIR on disk, not
 * `:memory:`, so every commit pays its fsync.
 */
export async function startAgoraApp(env: Record<string, string | undefined>): Promise<RunningServer & { app: App }> {
  const config = loadConfig(env, { host: '127.0.0.1', port: 0, rateLimitPerMinute: LOAD_TEST_RATE_LIMIT_PER_MINUTE,
    // A benchmark that sets the socket limit itself (the abuse one) keeps it.
    ...(env.LIVE_MAX_SOCKETS_PER_ADDRESS ? {} : { liveMaxSocketsPerAddress: LOAD_TEST_SOCKETS_PER_ADDRESS }),
  });
  const app = await buildApp(config);
  await loadContent(app.db, config.contentDir);
  const url = await app.listen({ host: config.host, port: config.port });
  return { url, app, close: () => app.close() };
}

/** Live-channel frames that carry an event (not hello, subscribed or presence). */
const EVENT_FRAME = Buffer.from('{"type":"event"');

/**
 * Anonymous readers of the benchmarks' section, each with its live socket open and subscribed, as
 * the section page does: `Origin` is the server's own, and only event frames are counted.
 */
export function connectSectionViewers(context: BenchContext, serverUrl: string, count: number): Promise<ViewerFleet> {
  return connectViewers(context, `${serverUrl.replace(/^http/, 'ws')}/api/live`, count, {
    origin: serverUrl,
    subscribe: { message: JSON.stringify({ type: 'subscribe', channels: [BENCH_CHANNEL] }), ackPrefix: '{"type":"subscribed"' },
    counts: (data) => data.subarray(0, EVENT_FRAME.length).equals(EVENT_FRAME),
  });
}
