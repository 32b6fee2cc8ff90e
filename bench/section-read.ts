import type autocannon from 'autocannon';
import { AGORA_SERVER_ENTRY } from './lib/agora-app';
import type { Benchmark } from './lib/benchmark';
import { describeLoadTest, loadTestFigures, runLoadTest } from './lib/load-test';
import { forkServer } from './lib/server-process';
import { makeTempDataDir } from './lib/temp-data-dir';

/**
 * Reading a section on the real app (file database, sample content, production log level) under
 * the same load as the bare Fastify route it is compared with.
 */

const SECTION_PATH = '/api/consultations/ideal-government-it/sections/governance';

/**
 * What a reader fetches to show one section; each entry counts as one request in req/s. When
 * comments exist, seed 1,000 on this section and add the first page of comments here.
 */
function sectionReadRequests(): autocannon.Request[] {
  return [{ method: 'GET', path: SECTION_PATH }];
}

export const sectionRead: Benchmark = {
  name: 'Section read',
  timeLimitSeconds: (duration) => duration + 45,
  async run(context) {
    const server = await forkServer(context, AGORA_SERVER_ENTRY, {
      DATA_DIR: makeTempDataDir(context, 'section-read'),
    });
    const result = await runLoadTest(context, { url: server.url, requests: sectionReadRequests() });
    return [{
      id: 'section-read',
      label: 'Section read',
      figures: loadTestFigures(result),
      baselineId: 'bare-route',
      note: `GET ${SECTION_PATH} on the real app with the sample content; ${describeLoadTest(result, context.durationSeconds)}`,
    }];
  },
};
