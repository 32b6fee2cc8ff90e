import type autocannon from 'autocannon';
import { AGORA_SERVER_ENTRY } from './lib/agora-app';
import { BENCH_SECTION_PATH, type BenchSession, createUsersWithSessions, prepareDataDir } from './lib/agora-data';
import type { Benchmark, BenchContext, Measurement } from './lib/benchmark';
import { describeLoadTest, loadTestFigures, runLoadTest } from './lib/load-test';
import { type ChildServer, forkServer } from './lib/server-process';
import { makeTempDataDir } from './lib/temp-data-dir';
import { measureSearch } from './search';
import { seedComments } from './seed-comments';

/**
 * Reading a section on the real app (file database, sample content) with 1,000 visible comments
 * on it, under the same load as the bare Fastify route it is compared with: as most readers do,
 * signed out (the app then serves one cached page until the database changes), and signed in
 * (the comments are read and presented for every request, as after every write).
 */

export const SECTION_COMMENTS = 1_000;
/** Accounts the seeded comments are spread over. */
const SEED_AUTHORS = 100;

/**
 * What the section page fetches: the section (current revision with its blocks) and the first
 * page of comments in the default order (50 threads with their replies, and the counts by kind
 * and by passage). Each counts as one request in req/s.
 */
function sectionReadRequests(sectionPath: string, reader: BenchSession | undefined): autocannon.Request[] {
  const headers = reader ? { cookie: reader.cookie } : {};
  return [
    { method: 'GET', path: sectionPath, headers },
    { method: 'GET', path: `${sectionPath}/comments?sort=newest&page=1`, headers },
  ];
}

export interface SectionReadOptions {
  /** Signed in as this reader; signed out when absent. */
  readonly reader?: BenchSession;
  readonly sectionPath?: string;
  /** What the note says about the data, e.g. "1,000 visible comments on the section". */
  readonly setting: string;
}

/** The load test and its table row, on a server that is already running (or several instances, sharing the load). */
export async function measureSectionRead(context: BenchContext, server: ChildServer | readonly ChildServer[], row: Pick<Measurement, 'id' | 'label' | 'baselineId' | 'alsoComparedWith'>, options: SectionReadOptions): Promise<Measurement> {
  const sectionPath = options.sectionPath ?? BENCH_SECTION_PATH;
  const url = 'url' in server ? server.url : server.map((instance) => instance.url);
  const result = await runLoadTest(context, { url, requests: sectionReadRequests(sectionPath, options.reader), server });
  return {
    ...row,
    figures: loadTestFigures(result),
    note: `GET ${sectionPath} and …/comments?sort=newest&page=1 in turn, ${options.reader ? 'signed in' : 'signed out'}, ${options.setting}; ${describeLoadTest(result, context.durationSeconds)}`,
  };
}

export const sectionRead: Benchmark = {
  name: 'Section read',
  timeLimitSeconds: (duration) => 3 * duration + 60,
  async run(context) {
    const dataDir = makeTempDataDir(context, 'section-read');
    const dbFile = await prepareDataDir(dataDir);
    seedComments(dbFile, { benchSectionComments: SECTION_COMMENTS, authors: SEED_AUTHORS });
    const [reader] = createUsersWithSessions(dbFile, 1, 'reader');
    const server = await forkServer(context, AGORA_SERVER_ENTRY, { DATA_DIR: dataDir });
    const setting = '1,000 visible comments on the section';
    return [
      await measureSectionRead(context, server, { id: 'section-read', label: 'Section read', baselineId: 'bare-route' }, { setting }),
      await measureSectionRead(context, server, { id: 'section-read-signed-in', label: 'Section read, signed in', baselineId: 'bare-route' }, { setting, reader }),
      await measureSearch(context, server, { id: 'search', label: 'Search', baselineId: 'bare-route' }, '1,000 comments in the database'),
    ];
  },
};
