import path from 'node:path';
import type { Benchmark } from '../lib/benchmark';
import { describeLoadTest, loadTestFigures, runLoadTest } from '../lib/load-test';
import { forkServer } from '../lib/server-process';

/** The HTTP floor: Fastify returning a constant, under the same load as the app's routes. */
export const bareFastifyRoute: Benchmark = {
  name: 'Bare Fastify route',
  timeLimitSeconds: (duration) => duration + 30,
  async run(context) {
    const server = await forkServer(context, path.join(import.meta.dirname, '..', 'servers', 'bare-fastify-server.ts'));
    const result = await runLoadTest(context, { url: server.url, requests: [{ method: 'GET', path: '/' }], server });
    return [{
      id: 'bare-route',
      label: 'Bare Fastify route',
      figures: loadTestFigures(result),
      note: `GET / returning constant JSON, no logger; ${describeLoadTest(result, context.durationSeconds)}`,
    }];
  },
};
