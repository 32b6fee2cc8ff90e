import fs from 'node:fs';
import { measureCommentWrite, WRITERS } from './comment-write';
import { AGORA_SERVER_ENTRY, connectSectionViewers } from './lib/agora-app';
import { BENCH_CONSULTATION, createUsersWithSessions, prepareDataDir } from './lib/agora-data';
import type { Benchmark, BenchContext, Measurement } from './lib/benchmark';
import { type ChildServer, forkServer, type ServerMemory } from './lib/server-process';
import { makeTempDataDir } from './lib/temp-data-dir';
import { measureSectionRead, SECTION_COMMENTS } from './section-read';
import { measureExport } from './export';
import { measureSearch } from './search';
import { seedComments } from './seed-comments';

/**
 * The read and write benchmarks again with 1,000,000 comments in the database — the section read
 * keeps its 1,000 (same page, same counts), the other 999,000 are spread over the other 15
 * sections of both consultations by 10,000 accounts — each compared with its figure at 1,000;
 * and the read of one of those crowded sections (~67,000 comments), signed out and in, beside the
 * 1,000-comment section's (issue 21: within 2×).
 * Then the server's memory with 1,000 and 10,000 idle subscribed viewers, in a fresh server
 * process so earlier load does not hide (or add to) what the viewers cost.
 */

const TOTAL_COMMENTS = 1_000_000;
/** One of the 15 sections that share the other 999,000 comments (the seeder spreads them evenly). */
export const HOT_SECTION = 'procurement';
export const HOT_SECTION_PATH = `/api/consultations/${BENCH_CONSULTATION}/sections/${HOT_SECTION}`;
/** How many of them it holds (~67,000), for the PostgreSQL twin that seeds only this section. */
export const HOT_SECTION_COUNT = Math.round((TOTAL_COMMENTS - SECTION_COMMENTS) / 15);
export const HOT_SECTION_COMMENTS = `${Math.round(HOT_SECTION_COUNT / 1000)},000 comments`;
const SEED_AUTHORS = 10_000;
const VIEWER_STEPS = [1_000, 10_000] as const;
/** Descriptors the server needs besides its sockets (database, log, listening socket…). */
const SPARE_DESCRIPTORS = 1_000;
/** Presence announcements are coalesced over 250 ms; let the last ones go out before measuring. */
const SETTLE_MS = 1_000;

export const scale: Benchmark = {
  name: 'Scale (1M rows, 10k viewers)',
  timeLimitSeconds: (duration) => 6 * duration + 400,
  async run(context) {
    const dataDir = makeTempDataDir(context, 'scale');
    const dbFile = await prepareDataDir(dataDir);
    const seeded = seedComments(dbFile, { benchSectionComments: SECTION_COMMENTS, otherComments: TOTAL_COMMENTS - SECTION_COMMENTS, authors: SEED_AUTHORS });
    const sessions = createUsersWithSessions(dbFile, WRITERS);
    const setting = `${TOTAL_COMMENTS.toLocaleString('en')} comments in the database (seeded in ${seeded.seconds.toFixed(0)} s, ${(fs.statSync(dbFile).size / 2 ** 30).toFixed(1)} GB)`;

    const [reader] = sessions;
    const server = await forkServer(context, AGORA_SERVER_ENTRY, { DATA_DIR: dataDir });
    const measured = [
      await measureSectionRead(context, server, { id: 'scale-section-read', label: 'Section read, 1M comments', baselineId: 'section-read' }, { setting }),
      await measureSectionRead(context, server, { id: 'scale-section-read-signed-in', label: 'Section read, signed in, 1M comments', baselineId: 'section-read-signed-in' }, { setting, reader }),
      // Issue 21: a section that itself holds ~67,000 comments, beside the 1,000-comment section just above.
      await measureSectionRead(
        context,
        server,
        { id: 'scale-hot-section-read', label: `Section read, section with ${HOT_SECTION_COMMENTS}`, baselineId: 'scale-section-read' },
        { setting: `${setting}, ${HOT_SECTION_COMMENTS} of them on this section`, sectionPath: HOT_SECTION_PATH },
      ),
      await measureSectionRead(
        context,
        server,
        { id: 'scale-hot-section-read-signed-in', label: `Section read, signed in, section with ${HOT_SECTION_COMMENTS}`, baselineId: 'scale-section-read-signed-in' },
        { setting: `${setting}, ${HOT_SECTION_COMMENTS} of them on this section`, reader, sectionPath: HOT_SECTION_PATH },
      ),
      await measureSearch(context, server, { id: 'scale-search', label: 'Search, 1M comments', baselineId: 'search' }, setting),
      await measureExport(server, setting),
      await measureCommentWrite(context, server, sessions, { id: 'scale-comment-write', label: 'Comment write, 1M comments', baselineId: 'comment-write' }, setting),
    ];
    await server.close();

    const fresh = await forkServer(context, AGORA_SERVER_ENTRY, { DATA_DIR: dataDir });
    return [...measured, ...(await measureViewerMemory(context, fresh))];
  },
};

/** Server RSS and live heap with no viewers, then with each step's count of idle subscribed viewers. */
async function measureViewerMemory(context: BenchContext, server: ChildServer): Promise<Measurement[]> {
  const limit = openFileLimit();
  const possible = limit === undefined ? Infinity : limit - SPARE_DESCRIPTORS;
  const mb = (bytes: number) => bytes / 2 ** 20;
  const idle = await server.query<ServerMemory>('memory');
  const results: Measurement[] = [
    {
      id: 'memory-idle',
      label: 'Server memory, no viewers',
      figures: [{ metric: 'RSS MB', value: mb(idle.rss) }, { metric: 'heap MB', value: mb(idle.heapUsed) }],
      note: `a fresh server on the 1,000,000-comment database, after a full garbage collection; open-file limit (ulimit -n) ${limit ?? 'unknown'}`,
    },
  ];
  const viewers = await connectSectionViewers(context, server.url, 0);
  for (const wanted of VIEWER_STEPS) {
    const count = Math.min(wanted, possible);
    await viewers.add(count - viewers.size);
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    const used = await server.query<ServerMemory>('memory');
    const perViewerKb = (bytes: number) => bytes / 1024 / count;
    results.push({
      id: `memory-viewers-${wanted}`,
      label: `Server memory, ${count.toLocaleString('en')} idle viewers`,
      figures: [
        { metric: 'RSS MB', value: mb(used.rss) },
        { metric: 'heap MB', value: mb(used.heapUsed) },
        { metric: 'RSS KB/viewer', value: perViewerKb(used.rss - idle.rss) },
        { metric: 'heap KB/viewer', value: perViewerKb(used.heapUsed - idle.heapUsed) },
      ],
      baselineId: 'memory-idle',
      note:
        `${count.toLocaleString('en')} anonymous viewers connected and subscribed to one section, then left idle; per viewer = (figure − no viewers) / viewers ` +
        '(RSS grows in steps as the allocator maps pages, so for small counts the heap is the steadier figure)' +
        (count < wanted ? `; ${wanted.toLocaleString('en')} wanted, but the open-file limit of ${limit} allows only this many (raise ulimit -n)` : ''),
    });
  }
  return results;
}

/** The soft limit on open files, which bounds sockets per process (Linux; undefined elsewhere). */
function openFileLimit(): number | undefined {
  try {
    const line = fs.readFileSync('/proc/self/limits', 'utf8').split('\n').find((l) => l.startsWith('Max open files'));
    const soft = line?.split(/\s{2,}/)[1];
    return soft === undefined || soft === 'unlimited' ? undefined : Number(soft);
  } catch {
    return undefined;
  }
}
