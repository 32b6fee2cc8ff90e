import { measureWsBroadcast, timeBroadcasts, WARMUP_BROADCASTS, BROADCAST_VIEWERS } from './baselines/ws-broadcast';
import { AGORA_SERVER_ENTRY, connectSectionViewers } from './lib/agora-app';
import { type BenchSession, createUsersWithSessions, prepareDataDir } from './lib/agora-data';
import type { Benchmark } from './lib/benchmark';
import { COMMENTS_PATH, commentPayload, loadPassages, nextCommentNumber, signedInHeaders } from './lib/comment-posts';
import { summariseLatencies } from './lib/percentiles';
import { forkServer } from './lib/server-process';
import { makeTempDataDir } from './lib/temp-data-dir';
import type { ViewerFleet } from './lib/ws-viewers';
import type { AnchorInput } from '../server/contracts/comments';
import { SECTION_COMMENTS } from './section-read';
import { seedComments } from './seed-comments';

/**
 * Time from a comment POST until the last of 1,000 subscribed viewers has its event: the group
 * commit, the response, the hub reading the event log, filtering per audience and sending. Beside
 * a raw `ws` broadcast of a message of the event's size, measured in between (after the warm-up
 * has shown the size, just before the figure), with the same client fleet in run.ts's process.
 */
export const liveFanout: Benchmark = {
  name: 'Live fan-out',
  timeLimitSeconds: (duration) => 2 * duration + 120,
  async run(context) {
    const dataDir = makeTempDataDir(context, 'live-fanout');
    const dbFile = await prepareDataDir(dataDir);
    seedComments(dbFile, { benchSectionComments: SECTION_COMMENTS, authors: 100 });
    const [poster] = createUsersWithSessions(dbFile, 1, 'poster');
    const server = await forkServer(context, AGORA_SERVER_ENTRY, { DATA_DIR: dataDir });
    const passages = await loadPassages(server.url);
    const viewers = await connectSectionViewers(context, server.url, BROADCAST_VIEWERS);

    const postOnce = fanoutTimer(viewers, server.url, poster!, passages);

    // Warm up, and learn the event's size (anchored comments are larger) for the baseline.
    for (let i = 0; i < WARMUP_BROADCASTS; i++) await postOnce();
    const meanBytes = Math.round(postOnce.eventBytes.reduce((sum, bytes) => sum + bytes, 0) / postOnce.eventBytes.length);
    const baseline = await measureWsBroadcast(context, meanBytes);

    const samplesMs = await timeBroadcasts(context, postOnce);
    const { p50Ms, p99Ms } = summariseLatencies(samplesMs);
    return [
      baseline,
      {
        id: 'live-fanout',
        label: `Live fan-out to ${BROADCAST_VIEWERS.toLocaleString('en')}`,
        figures: [{ metric: 'p50 ms', value: p50Ms }, { metric: 'p99 ms', value: p99Ms }],
        baselineId: 'ws-broadcast',
        note: `signed-in POST ${COMMENTS_PATH} until the last of ${BROADCAST_VIEWERS.toLocaleString('en')} anonymous subscribed viewers has the comment.created event (${meanBytes} bytes on average), one post at a time; ${samplesMs.length} posts after ${WARMUP_BROADCASTS * 2} warm-up ones`,
      },
    ];
  },
};

/**
 * Posts one comment through `postUrl` and resolves with the milliseconds until every viewer had its
 * event (the viewers may be connected to another instance); `eventBytes` keeps each event's size.
 */
export function fanoutTimer(viewers: ViewerFleet, postUrl: string, poster: BenchSession, passages: readonly AnchorInput[]): (() => Promise<number>) & { eventBytes: number[] } {
  const eventBytes: number[] = [];
  const postOnce = async (): Promise<number> => {
    const allReceived = viewers.nextMessageOnAll();
    const sentAt = performance.now();
    const response = await fetch(`${postUrl}${COMMENTS_PATH}`, { method: 'POST', headers: signedInHeaders(poster), body: commentPayload(nextCommentNumber(), passages) });
    if (response.status !== 201) throw new Error(`POST ${COMMENTS_PATH} answered ${response.status}: ${await response.text()}`);
    const elapsed = (await allReceived) - sentAt;
    eventBytes.push(viewers.lastMessageBytes);
    return elapsed;
  };
  return Object.assign(postOnce, { eventBytes });
}
