import path from 'node:path';
import { buildApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import { loadContent } from '../../server/features/consultations/content-loader';
import type { RunningServer } from './server-process';

/**
 * A load test sends everything from 127.0.0.1, so the per-IP ceiling would turn it into a test of
 * 429s. It is raised, not removed: the limiter's bookkeeping is still paid on every request.
 */
const LOAD_TEST_RATE_LIMIT_PER_MINUTE = 999_999_999;

/** Pass to `forkServer` to run the real app in a child process. */
export const AGORA_SERVER_ENTRY = path.join(import.meta.dirname, '..', 'servers', 'agora-server.ts');

/**
 * The real app as `npm start` runs it — migrated, sample content loaded, settings from `env`
 * (DATA_DIR, SQLITE_SYNCHRONOUS, LOG_LEVEL) — listening on a free port of 127.0.0.1. Usable
 * in-process, or in a child via servers/agora-server.ts. Give it a DATA_DIR on disk, not
 * `:memory:`, so every commit pays its fsync.
 */
export async function startAgoraApp(env: Record<string, string | undefined>): Promise<RunningServer> {
  const config = loadConfig(env, { host: '127.0.0.1', port: 0, rateLimitPerMinute: LOAD_TEST_RATE_LIMIT_PER_MINUTE });
  const app = await buildApp(config);
  await loadContent(app.db, config.contentDir);
  const url = await app.listen({ host: config.host, port: config.port });
  return { url, close: () => app.close() };
}
