import { BROADCAST_VIEWERS, timeBroadcasts, WARMUP_BROADCASTS } from './baselines/ws-broadcast';
import { measureCommentWrite, WRITERS } from './comment-write';
import { AGORA_SERVER_ENTRY, connectSectionViewers } from './lib/agora-app';
import type { Benchmark, BenchContext, Measurement } from './lib/benchmark';
import { COMMENTS_PATH, loadPassages } from './lib/comment-posts';
import { summariseLatencies } from './lib/percentiles';
import { postComments, preparePostgresSchema } from './lib/postgres-data';
import { type ChildServer, forkServer } from './lib/server-process';
import { makeTempDataDir } from './lib/temp-data-dir';
import { fanoutTimer } from './live-fanout';
import { measureSectionRead, SECTION_COMMENTS } from './section-read';

/**
 * `DATABASE_URL=postgres://… npm run bench`: the section read, the comment write and the live
 * fan-out again on PostgreSQL (a schema of its own), on one instance and on two sharing the same
 * load (no proxy in front: the load generator splits its connections), each beside the SQLite
 * figure of the same run. Fan-out is timed with the viewers on instance A and the post sent to A
 * (same instance) and then to B (the event reaches A through LISTEN/NOTIFY and A's read of the log).
 */
export function postgresBenchmark(url: string): Benchmark {
  return {
    name: 'PostgreSQL: section read, comment write, fan-out, one and two instances',
    timeLimitSeconds: (duration) => 8 * duration + 300,
    async run(context) {
      const { schema, sessions } = await preparePostgresSchema(context, url, WRITERS);
      const env = { DATA_DIR: makeTempDataDir(context, 'postgres'), DATABASE_URL: url, DATABASE_SCHEMA: schema };
      const a = await forkServer(context, AGORA_SERVER_ENTRY, env);
      const b = await forkServer(context, AGORA_SERVER_ENTRY, env);
      const passages = await loadPassages(a.url);
      // Top-level comments through the API: the SQLite figures' section also has replies.
      await postComments(a.url, sessions, passages, SECTION_COMMENTS);
      const setting = `PostgreSQL, ${SECTION_COMMENTS.toLocaleString('en')} comments on the section`;
      return [
        await measureSectionRead(context, a, { id: 'pg-section-read', label: 'PostgreSQL: section read, 1 instance', baselineId: 'section-read' }, { setting }),
        await measureSectionRead(context, [a, b], { id: 'pg-section-read-2', label: 'PostgreSQL: section read, 2 instances', baselineId: 'section-read' }, { setting: `${setting}, two instances sharing the connections` }),
        await measureCommentWrite(context, a, sessions, { id: 'pg-comment-write', label: 'PostgreSQL: comment write, 1 instance', baselineId: 'comment-write' }, setting),
        await measureCommentWrite(context, [a, b], sessions, { id: 'pg-comment-write-2', label: 'PostgreSQL: comment write, 2 instances', baselineId: 'comment-write', alsoComparedWith: ['pg-comment-write'] }, `${setting}, two instances sharing the connections, viewers on the first`),
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
