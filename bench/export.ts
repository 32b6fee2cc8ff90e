import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { Measurement } from './lib/benchmark';
import { BENCH_CONSULTATION } from './lib/agora-data';
import type { ChildServer, ServerMemory } from './lib/server-process';

/** How often the server's memory is sampled while the export streams. */
const SAMPLE_MS = 1_000;

/**
 * Downloads the consultation's public comments CSV as a client would (reading the stream to the
 * end) and samples the server's RSS meanwhile: an export that buffered would grow with the rows.
 */
export async function measureExport(server: ChildServer, setting: string): Promise<Measurement> {
  const before = await server.query<ServerMemory>('memory');
  let peak = before.rss;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      peak = Math.max(peak, (await server.query<ServerMemory>('memory')).rss);
      await new Promise((resolve) => setTimeout(resolve, SAMPLE_MS));
    }
  })();
  const started = performance.now();
  const response = await fetch(`${server.url}/api/consultations/${BENCH_CONSULTATION}/exports/comments.csv`);
  if (!response.ok || !response.body) throw new Error(`export answered ${response.status}`);
  let bytes = 0;
  let lines = 0;
  for await (const chunk of Readable.fromWeb(response.body as WebReadableStream<Uint8Array>) as AsyncIterable<Buffer>) {
    bytes += chunk.byteLength;
    for (const byte of chunk) if (byte === 10) lines++;
  }
  const seconds = (performance.now() - started) / 1000;
  sampling = false;
  await sampler;
  const rows = lines - 1; // less the header (bodies are one line each in the seed)
  return {
    id: 'export-csv',
    label: 'Export comments CSV, 1M comments in the database',
    figures: [
      { metric: 's', value: seconds },
      { metric: 'rows/s exported', value: rows / seconds },
      { metric: 'RSS growth MB', value: (peak - before.rss) / 2 ** 20 },
    ],
    note: `GET …/exports/comments.csv (public) of ${BENCH_CONSULTATION}: ${rows.toLocaleString('en')} rows, ${(bytes / 2 ** 20).toFixed(0)} MB read to the end; RSS sampled every ${SAMPLE_MS} ms after a GC, growth = peak − before; ${setting}`,
  };
}
