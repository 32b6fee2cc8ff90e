import type autocannon from 'autocannon';
import { AGORA_SERVER_ENTRY, connectSectionViewers } from './lib/agora-app';
import { type BenchSession, createUsersWithSessions, prepareDataDir } from './lib/agora-data';
import type { Benchmark, BenchContext, Measurement } from './lib/benchmark';
import { COMMENTS_PATH, commentPayload, loadPassages, nextCommentNumber, signedInHeaders } from './lib/comment-posts';
import { describeLoadTest, loadTestFigures, runLoadTest } from './lib/load-test';
import { type ChildServer, forkServer } from './lib/server-process';
import { makeTempDataDir } from './lib/temp-data-dir';
import { SECTION_COMMENTS } from './section-read';
import { seedComments } from './seed-comments';

/**
 * Signed-in comment POSTs on the real app, durable (the app's SQLITE_SYNCHRONOUS, FULL by default)
 * and streamed live to 100 subscribed viewers, beside raw SQLite inserts of the same rows and the
 * bare route. Writes arriving together share a commit (group commit); the note gives the mean batch.
 */

export const WRITE_VIEWERS = 100;
/** Accounts the load rotates over; there is no per-account comment throttle to dodge, it is for realism. */
export const WRITERS = 100;

interface GroupCommitStats {
  commits: number;
  writes: number;
}

/**
 * The load test and its table row, on a running server whose database holds `sessions` (or on
 * several instances sharing the load, the viewers on the first).
 */
export async function measureCommentWrite(
  context: BenchContext,
  servers: ChildServer | readonly ChildServer[],
  sessions: readonly BenchSession[],
  row: Pick<Measurement, 'id' | 'label' | 'baselineId' | 'alsoComparedWith'>,
  setting: string,
  /** Agora reports how many writes shared each commit; a server without group commit does not. */
  { groupCommit = true }: { groupCommit?: boolean } = {},
): Promise<Measurement> {
  const instances: readonly ChildServer[] = 'url' in servers ? [servers] : servers;
  const server = instances[0]!;
  const viewers = await connectSectionViewers(context, server.url, WRITE_VIEWERS);
  const passages = await loadPassages(server.url);
  const request: autocannon.Request = {
    method: 'POST',
    path: COMMENTS_PATH,
    setupRequest: (request) => {
      const n = nextCommentNumber();
      return { ...request, headers: signedInHeaders(sessions[n % sessions.length]!), body: commentPayload(n, passages) };
    },
  };
  const before = groupCommit ? await groupCommitTotals(instances) : undefined;
  const result = await runLoadTest(context, { url: instances.map((instance) => instance.url), requests: [request], server: instances });
  const after = groupCommit ? await groupCommitTotals(instances) : undefined;
  const perCommit = before && after ? `; ${((after.writes - before.writes) / Math.max(1, after.commits - before.commits)).toFixed(1)} writes per commit on average` : '';
  const perComment = viewers.received / Math.max(1, result.requests);
  return {
    ...row,
    figures: loadTestFigures(result),
    note:
      `POST ${COMMENTS_PATH} (201), ${WRITERS} accounts in turn, two in five quoting a passage, ${WRITE_VIEWERS} subscribed viewers, ${setting}; ` +
      `${describeLoadTest(result, context.durationSeconds)}${perCommit}; ` +
      `viewers received ${perComment.toFixed(0)} event frames per comment by the end`,
  };
}

async function groupCommitTotals(servers: readonly ChildServer[]): Promise<GroupCommitStats> {
  const stats = await Promise.all(servers.map((server) => server.query<GroupCommitStats>('groupCommit')));
  return { commits: stats.reduce((sum, s) => sum + s.commits, 0), writes: stats.reduce((sum, s) => sum + s.writes, 0) };
}

export const commentWrite: Benchmark = {
  name: 'Comment write',
  timeLimitSeconds: (duration) => duration + 60,
  async run(context) {
    const dataDir = makeTempDataDir(context, 'comment-write');
    const dbFile = await prepareDataDir(dataDir);
    seedComments(dbFile, { benchSectionComments: SECTION_COMMENTS, authors: WRITERS });
    const sessions = createUsersWithSessions(dbFile, WRITERS);
    const server = await forkServer(context, AGORA_SERVER_ENTRY, { DATA_DIR: dataDir });
    return [await measureCommentWrite(context, server, sessions, { id: 'comment-write', label: 'Comment write', baselineId: 'naive-comment-server', alsoComparedWith: ['raw-sqlite-insert', 'raw-sqlite-insert-batched', 'bare-route'] }, '1,000 comments on the section')];
  },
};
