import autocannon from 'autocannon';
import { AGORA_SERVER_ENTRY, connectSectionViewers } from './lib/agora-app';
import { BENCH_SECTION_PATH, createUsersWithSessions, prepareDataDir } from './lib/agora-data';
import type { Benchmark, BenchContext, Measurement } from './lib/benchmark';
import { COMMENTS_PATH, commentPayload, loadPassages, nextCommentNumber, signedInHeaders } from './lib/comment-posts';
import { describeLoadTest, loadTestFigures, runLoadTest } from './lib/load-test';
import { type ChildServer, forkServer } from './lib/server-process';
import { makeTempDataDir } from './lib/temp-data-dir';
import { WRITE_VIEWERS, WRITERS } from './comment-write';
import { SECTION_COMMENTS } from './section-read';
import { seedComments } from './seed-comments';

/**
 * Issue 21: writes must never stall reads. The signed-out section read (4 connections) is
 * load-tested idle, then again while signed-in comment POSTs run flat out on 10 other connections
 * against the same server (durable, 100 live viewers, as in the comment write). The figure to
 * watch is the read's p99 beside its idle p99 (goal ≤ 3×): a commit's fsync or a WAL checkpoint
 * on the event loop shows up there directly.
 */

const READ_CONNECTIONS = 4;
const WRITE_CONNECTIONS = 10;

/**
 * A reader opening the section: the section, then its comments from the log position the section
 * page gave (`since`, as the client sends it), so a page read a moment ago may serve them.
 */
const readRequests: autocannon.Request[] = [
  {
    method: 'GET',
    path: BENCH_SECTION_PATH,
    onResponse: (_status, body, context: { since?: string }) => {
      context.since = /"liveSeq":(\d+)/.exec(body)?.[1];
    },
  },
  {
    method: 'GET',
    setupRequest: (request, context: { since?: string }) => ({ ...request, path: `${BENCH_SECTION_PATH}/comments?sort=newest&page=1&since=${context.since ?? 0}` }),
  },
];

async function measureRead(context: BenchContext, server: ChildServer, row: Pick<Measurement, 'id' | 'label' | 'baselineId' | 'alsoComparedWith'>, setting: string): Promise<Measurement> {
  const result = await runLoadTest(context, { url: server.url, requests: readRequests, connections: READ_CONNECTIONS, server });
  return {
    ...row,
    figures: loadTestFigures(result),
    note: `GET ${BENCH_SECTION_PATH} and …/comments?sort=newest&page=1&since=<the section's liveSeq> in turn, signed out, ${setting}; ${describeLoadTest(result, context.durationSeconds)} (server CPU includes the writes' when they run)`,
  };
}

/** Comment POSTs on `connections` connections until stopped; resolves with how many were acknowledged, failing on any refusal. */
function writeFlatOut(context: BenchContext, server: ChildServer, sessions: Parameters<typeof signedInHeaders>[0][], passages: Awaited<ReturnType<typeof loadPassages>>) {
  let stop = () => {};
  const done = new Promise<{ acknowledged: number; seconds: number }>((resolve, reject) => {
    const instance = autocannon(
      {
        url: server.url,
        connections: WRITE_CONNECTIONS,
        duration: 3_600,
        requests: [{
          method: 'POST',
          path: COMMENTS_PATH,
          setupRequest: (request) => {
            const n = nextCommentNumber();
            return { ...request, headers: signedInHeaders(sessions[n % sessions.length]!), body: commentPayload(n, passages) };
          },
        }],
      },
      (error, result) => {
        if (error) return reject(error);
        if (result.errors + result.non2xx > 0) return reject(new Error(`${result.errors + result.non2xx} comment writes failed (${JSON.stringify(result.statusCodeStats ?? {})})`));
        resolve({ acknowledged: result['2xx'], seconds: result.duration });
      },
    );
    stop = () => instance.stop();
    context.defer(stop);
  });
  done.catch(() => undefined); // a failure surfaces where it is awaited, not as an unhandled rejection meanwhile
  return { done, stop: () => stop() };
}

/** Rows of the idle read and of the read during writes (its baseline is the idle one). */
export interface ReadDuringWritesRows {
  readonly idle: Pick<Measurement, 'id' | 'label' | 'baselineId'>;
  readonly busy: Pick<Measurement, 'id' | 'label' | 'alsoComparedWith'>;
  /** What the notes say about the data, e.g. "PostgreSQL". */
  readonly setting?: string;
}

/** The idle read, then the read while writes run flat out, on a running server whose database holds `sessions`. */
export async function measureReadDuringWrites(context: BenchContext, server: ChildServer, sessions: Parameters<typeof signedInHeaders>[0][], rows: ReadDuringWritesRows): Promise<Measurement[]> {
  await connectSectionViewers(context, server.url, WRITE_VIEWERS);
  const passages = await loadPassages(server.url);
  const prefix = rows.setting ? `${rows.setting}, ` : '';
  const idle = await measureRead(context, server, rows.idle, `${prefix}no writes`);
  const writes = writeFlatOut(context, server, sessions, passages);
  let busy: Measurement;
  try {
    busy = await measureRead(context, server, { ...rows.busy, baselineId: rows.idle.id }, `${prefix}while comment POSTs run flat out on ${WRITE_CONNECTIONS} other connections (${WRITE_VIEWERS} live viewers)`);
  } finally {
    writes.stop();
  }
  const { acknowledged, seconds } = await writes.done;
  return [idle, { ...busy, note: `${busy.note}; meanwhile ${acknowledged.toLocaleString('en')} comments acknowledged (${Math.round(acknowledged / seconds).toLocaleString('en')}/s)` }];
}

export const readDuringWrites: Benchmark = {
  name: 'Read during writes',
  timeLimitSeconds: (duration) => 2 * (duration + 15) + 60,
  async run(context) {
    const dataDir = makeTempDataDir(context, 'read-during-writes');
    const dbFile = await prepareDataDir(dataDir);
    seedComments(dbFile, { benchSectionComments: SECTION_COMMENTS, authors: WRITERS });
    const sessions = createUsersWithSessions(dbFile, WRITERS);
    const server = await forkServer(context, AGORA_SERVER_ENTRY, { DATA_DIR: dataDir });
    return measureReadDuringWrites(context, server, sessions, {
      idle: { id: 'read-idle', label: 'Section read, no writes (baseline)' },
      busy: { id: 'read-during-writes', label: 'Section read during comment writes' },
    });
  },
};
