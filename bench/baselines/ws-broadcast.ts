import path from 'node:path';
import type { BenchContext, Measurement } from '../lib/benchmark';
import { summariseLatencies } from '../lib/percentiles';
import { forkServer } from '../lib/server-process';
import { connectViewers } from '../lib/ws-viewers';

/**
 * The floor for live fan-out: a plain `ws` server broadcasting one message of a given size to
 * 1,000 clients. Each sample is the time from sending `POST /broadcast` until the last client has
 * the message — the same span the fan-out benchmark times from a comment POST, with a message of
 * the same size as the comment event. The clients live in run.ts's process, the server in a child,
 * so sending and receiving each get a core. Run by live-fanout.ts, which knows the event's size.
 */

export const BROADCAST_VIEWERS = 1_000;
export const MIN_BROADCASTS = 100;
export const WARMUP_BROADCASTS = 20;

/**
 * Times `send` (which must make every viewer receive one message) at least MIN_BROADCASTS times
 * and for at least `context.durationSeconds`, after a warm-up; returns the samples in ms.
 */
export async function timeBroadcasts(context: BenchContext, send: () => Promise<number>): Promise<number[]> {
  for (let i = 0; i < WARMUP_BROADCASTS; i++) await send();
  const samplesMs: number[] = [];
  const deadline = performance.now() + context.durationSeconds * 1000;
  while (samplesMs.length < MIN_BROADCASTS || performance.now() < deadline) samplesMs.push(await send());
  return samplesMs;
}

export async function measureWsBroadcast(context: BenchContext, messageBytes: number): Promise<Measurement> {
  const server = await forkServer(context, path.join(import.meta.dirname, '..', 'servers', 'ws-broadcast-server.ts'), {
    BROADCAST_BYTES: String(messageBytes),
  });
  const viewers = await connectViewers(context, server.url.replace(/^http/, 'ws'), BROADCAST_VIEWERS);

  const samplesMs = await timeBroadcasts(context, async () => {
    const allReceived = viewers.nextMessageOnAll();
    const sentAt = performance.now();
    const response = await fetch(`${server.url}/broadcast`, { method: 'POST' });
    if (response.status !== 204) throw new Error(`POST /broadcast answered ${response.status}`);
    return (await allReceived) - sentAt;
  });
  await server.close();

  const { p50Ms, p99Ms } = summariseLatencies(samplesMs);
  return {
    id: 'ws-broadcast',
    label: `Raw ws broadcast to ${BROADCAST_VIEWERS.toLocaleString('en')}`,
    figures: [{ metric: 'p50 ms', value: p50Ms }, { metric: 'p99 ms', value: p99Ms }],
    note: `${messageBytes}-byte message (the size of the fan-out's comment event), from sending POST /broadcast until the last client has it; ${samplesMs.length} broadcasts after ${WARMUP_BROADCASTS} warm-up ones`,
  };
}
