import path from 'node:path';
import type { BenchSession } from '../lib/agora-data';
import type { Benchmark, BenchContext, Measurement } from '../lib/benchmark';
import { forkServer } from '../lib/server-process';
import { makeTempDataDir } from '../lib/temp-data-dir';
import { measureCommentWrite, WRITERS } from '../comment-write';

/**
 * The write floor for a live comment server: servers/naive-comment-server.ts (insert + broadcast,
 * one fsync per comment) under exactly the load of Agora's comment write — the same requests,
 * bodies, cookies and 100 subscribed viewers. It ignores the cookies; Agora checks them.
 */
/** The naive server's write under that load; `env` may point it at PostgreSQL (DATABASE_URL, DATABASE_SCHEMA). */
export async function measureNaiveCommentServer(context: BenchContext, row: Pick<Measurement, 'id' | 'label' | 'baselineId'>, env: Record<string, string>): Promise<Measurement> {
  const server = await forkServer(context, path.join(import.meta.dirname, '..', 'servers', 'naive-comment-server.ts'), { DATA_DIR: makeTempDataDir(context, 'naive-comments'), ...env });
  const sessions: BenchSession[] = Array.from({ length: WRITERS }, (_, i) => ({ userId: i + 1, cookie: `session=${i}`, csrf: `token-${i}` }));
  const measured = await measureCommentWrite(context, server, sessions, row, 'an empty table', { groupCommit: false });
  await server.close();
  return measured;
}

export const naiveCommentServer: Benchmark = {
  name: 'Naive comment server',
  timeLimitSeconds: (duration) => duration + 60,
  run: async (context) => [await measureNaiveCommentServer(context, { id: 'naive-comment-server', label: 'Naive comment server (baseline): insert + broadcast, 1 txn per comment' }, {})],
};
