import { measureNaiveCommentServer } from './baselines/naive-comment-server';
import { BROADCAST_VIEWERS, timeBroadcasts, WARMUP_BROADCASTS } from './baselines/ws-broadcast';
import { measureCommentWrite, WRITERS } from './comment-write';
import { AGORA_SERVER_ENTRY, connectSectionViewers } from './lib/agora-app';
import type { Benchmark, BenchContext, Measurement } from './lib/benchmark';
import { COMMENTS_PATH, loadPassages } from './lib/comment-posts';
import { summariseLatencies } from './lib/percentiles';
import { preparePostgresSchema, seedPostgresComments } from './lib/postgres-data';
import { type ChildServer, forkServer } from './lib/server-process';
import { makeTempDataDir } from './lib/temp-data-dir';
import { fanoutTimer } from './live-fanout';
import { measureReadDuringWrites } from './read-during-writes';
import { HOT_SECTION, HOT_SECTION_COMMENTS, HOT_SECTION_COUNT, HOT_SECTION_PATH } from './scale';
import { measureSectionRead, SECTION_COMMENTS } from './section-read';

/**
 * `DATABASE_URL=postgres://… npm run bench`: the SQLite benchmarks again on PostgreSQL (a schema of
 * its own, seeded with the same rows as the SQLite ones, plus ~67,000 comments on one other section),
 * each beside its SQLite twin of the same run: section read signed out and in, the crowded section,
 * two instances sharing the load (no proxy in front: the load generator splits its connections),
 * the naive comment server and Agora's comment write, the read during writes, and the live
 * fan-out with the viewers on instance A and the post sent to A (same instance) and then to B (the
 * event reaches A through LISTEN/NOTIFY).
 */
export function postgresBenchmark(url: string): Benchmark {
  return {
    name: 'PostgreSQL: section reads, comment write, read during writes, fan-out, one and two instances',
    timeLimitSeconds: (duration) => 16 * duration + 300,
    async run(context) {
      const { schema, sessions } = await preparePostgresSchema(context, url, WRITERS);
      const seedSeconds = await seedPostgresComments(url, schema, { benchSectionComments: SECTION_COMMENTS, otherComments: HOT_SECTION_COUNT, crowdedSection: HOT_SECTION, authors: WRITERS });
      const env = { DATA_DIR: makeTempDataDir(context, 'postgres'), DATABASE_URL: url, DATABASE_SCHEMA: schema };
      const a = await forkServer(context, AGORA_SERVER_ENTRY, env);
      const b = await forkServer(context, AGORA_SERVER_ENTRY, env);
      const passages = await loadPassages(a.url);
      const setting = `PostgreSQL, ${SECTION_COMMENTS.toLocaleString('en')} comments on the section (${HOT_SECTION_COMMENTS} on another, seeded in ${seedSeconds.toFixed(0)} s)`;
      const crowded = `PostgreSQL, ${HOT_SECTION_COMMENTS} on this section (the SQLite twin has 1,000,000 in the database)`;
      // The reader has no comments of its own yet: the writes below come after.
      const [reader] = sessions;
      return [
        await measureSectionRead(context, a, { id: 'pg-section-read', label: 'PostgreSQL: section read, 1 instance', baselineId: 'section-read' }, { setting }),
        await measureSectionRead(context, a, { id: 'pg-section-read-signed-in', label: 'PostgreSQL: section read, signed in', baselineId: 'section-read-signed-in', alsoComparedWith: ['pg-section-read'] }, { setting, reader }),
        await measureSectionRead(context, a, { id: 'pg-hot-section-read', label: `PostgreSQL: section read, section with ${HOT_SECTION_COMMENTS}`, baselineId: 'scale-hot-section-read', alsoComparedWith: ['pg-section-read'] }, { setting: crowded, sectionPath: HOT_SECTION_PATH }),
        await measureSectionRead(context, a, { id: 'pg-hot-section-read-signed-in', label: `PostgreSQL: section read, signed in, section with ${HOT_SECTION_COMMENTS}`, baselineId: 'scale-hot-section-read-signed-in', alsoComparedWith: ['pg-section-read-signed-in'] }, { setting: crowded, sectionPath: HOT_SECTION_PATH, reader }),
        await measureSectionRead(context, [a, b], { id: 'pg-section-read-2', label: 'PostgreSQL: section read, 2 instances', baselineId: 'section-read', alsoComparedWith: ['pg-section-read'] }, { setting: `${setting}, two instances sharing the connections` }),
        await measureNaiveCommentServer(context, { id: 'pg-naive-comment-server', label: 'PostgreSQL: naive comment server, 1 INSERT per comment', baselineId: 'naive-comment-server' }, { DATABASE_URL: url, DATABASE_SCHEMA: schema }),
        await measureCommentWrite(context, a, sessions, { id: 'pg-comment-write', label: 'PostgreSQL: comment write, 1 instance', baselineId: 'comment-write', alsoComparedWith: ['pg-naive-comment-server'] }, setting),
        await measureCommentWrite(context, [a, b], sessions, { id: 'pg-comment-write-2', label: 'PostgreSQL: comment write, 2 instances', baselineId: 'comment-write', alsoComparedWith: ['pg-comment-write'] }, `${setting}, two instances sharing the connections, viewers on the first`),
        ...(await measureReadDuringWrites(context, a, [...sessions], {
          idle: { id: 'pg-read-idle', label: 'PostgreSQL: section read, no writes (baseline)', baselineId: 'read-idle' },
          busy: { id: 'pg-read-during-writes', label: 'PostgreSQL: section read during comment writes', alsoComparedWith: ['read-during-writes'] },
          setting: 'PostgreSQL',
        })),
        ...(await measureFanout(context, a, b, sessions[0]!, passages)),
      ];
    },
  };
}

async function measureFanout(context: BenchContext, a: ChildServer, b: ChildServer, poster: Parameters<typeof fanoutTimer>[2], passages: Parameters<typeof fanoutTimer>[3]): Promise<Measurement[]> {
  const viewers = await connectSectionViewers(context, a.url, BROADCAST_VIEWERS);
  const measure = async (via: ChildServer, id: string, label: string, where: string, alsoComparedWith: string[]): Promise<Measurement> => {
    const postOnce = fanoutTimer(viewers, via.url, poster, passages);
    for (let i = 0; i < WARMUP_BROADCASTS; i++) await postOnce();
    const samplesMs = await timeBroadcasts(context, postOnce);
    const { p50Ms, p99Ms } = summariseLatencies(samplesMs);
    return {
      id,
      label,
      figures: [{ metric: 'p50 ms', value: p50Ms }, { metric: 'p99 ms', value: p99Ms }],
      baselineId: 'live-fanout',
      alsoComparedWith,
      note: `PostgreSQL: signed-in POST ${COMMENTS_PATH} ${where} until the last of ${BROADCAST_VIEWERS.toLocaleString('en')} viewers on instance A has the event, one post at a time; ${samplesMs.length} posts after ${WARMUP_BROADCASTS} warm-up ones`,
    };
  };
  const viewerCount = BROADCAST_VIEWERS.toLocaleString('en');
  return [
    await measure(a, 'pg-fanout', `PostgreSQL: fan-out to ${viewerCount}, same instance`, 'to instance A', ['ws-broadcast']),
    await measure(b, 'pg-fanout-cross', `PostgreSQL: fan-out to ${viewerCount}, across instances`, 'to instance B', ['pg-fanout']),
  ];
}
