import path from 'node:path';
import type { Benchmark } from '../lib/benchmark';
import { summariseLatencies } from '../lib/percentiles';
import { forkServer } from '../lib/server-process';
import { connectViewers } from '../lib/ws-viewers';

/**
 * The floor for live fan-out: a plain `ws` server broadcasting a 200-byte message to 1,000 clients.
 * Each sample is the time from sending `POST /broadcast` until the last client has the message —
 * the same span the fan-out benchmark will time from a comment POST. The clients live in run.ts's
 * process, the server in a child, so sending and receiving each get a core.
 */

const VIEWERS = 1_000;
const MESSAGE_BYTES = 200;
const MIN_BROADCASTS = 100;
const WARMUP_BROADCASTS = 20;

export const wsBroadcast: Benchmark = {
  name: 'Raw ws broadcast',
  timeLimitSeconds: (duration) => duration + 60,
  async run(context) {
    const server = await forkServer(context, path.join(import.meta.dirname, '..', 'servers', 'ws-broadcast-server.ts'), {
      BROADCAST_BYTES: String(MESSAGE_BYTES),
    });
    const viewers = await connectViewers(context, server.url.replace(/^http/, 'ws'), VIEWERS);

    const broadcastOnce = async (): Promise<number> => {
      const allReceived = viewers.nextMessageOnAll();
      const sentAt = performance.now();
      const response = await fetch(`${server.url}/broadcast`, { method: 'POST' });
      if (response.status !== 204) throw new Error(`POST /broadcast answered ${response.status}`);
      return (await allReceived) - sentAt;
    };

    for (let i = 0; i < WARMUP_BROADCASTS; i++) await broadcastOnce();
    const samplesMs: number[] = [];
    const deadline = performance.now() + context.durationSeconds * 1000;
    while (samplesMs.length < MIN_BROADCASTS || performance.now() < deadline) samplesMs.push(await broadcastOnce());

    const { p50Ms, p99Ms } = summariseLatencies(samplesMs);
    return [{
      id: 'ws-broadcast',
      label: `Raw ws broadcast to ${VIEWERS.toLocaleString('en')}`,
      figures: [{ metric: 'p50 ms', value: p50Ms }, { metric: 'p99 ms', value: p99Ms }],
      note: `${MESSAGE_BYTES}-byte message, from sending POST /broadcast until the last client has it; ${samplesMs.length} broadcasts after ${WARMUP_BROADCASTS} warm-up ones`,
    }];
  },
};
