import autocannon from 'autocannon';
import type { BenchContext, Figure } from './benchmark';
import { summariseLatencies } from './percentiles';
import type { ChildServer, LoopDelay } from './server-process';

export interface LoadTestOptions {
  /** Server origin, e.g. `http://127.0.0.1:41234`; several instances share the connections evenly (none in front of them). */
  readonly url: string | readonly string[];
  /** What each connection sends, in a loop; every element counts as one request in req/s. */
  readonly requests: readonly autocannon.Request[];
  readonly connections?: number;
  readonly warmupSeconds?: number;
  /** When given, their CPU time during the measured phase is reported per request (steadier than req/s on a busy machine). */
  readonly server?: ChildServer | readonly ChildServer[];
}

export interface LoadTestResult {
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly requests: number;
  readonly connections: number;
  /** Share of one core the loader used; near 100% means the loader, not the server, set the pace. */
  readonly loaderCpuPercent: number;
  /** The server's CPU time per successful request, when `server` was given. */
  readonly serverCpuMsPerRequest?: number;
  /** How late the (first) server's event loop ran a 1 ms timer during the measured phase. */
  readonly serverLoopDelay?: LoopDelay;
}

const DEFAULT_CONNECTIONS = 10;
const DEFAULT_WARMUP_SECONDS = 2;

/**
 * Warms the server up (JIT, caches, connection pools), then runs autocannon for
 * `context.durationSeconds`. Latency percentiles come from every response's own timing rather than
 * autocannon's histogram, which has whole-millisecond resolution — too coarse for sub-ms routes.
 * Any error or non-2xx answer fails the run: a fast 404 is not a result.
 */
export async function runLoadTest(context: BenchContext, options: LoadTestOptions): Promise<LoadTestResult> {
  const connections = options.connections ?? DEFAULT_CONNECTIONS;
  await runAutocannon(context, options, connections, options.warmupSeconds ?? DEFAULT_WARMUP_SECONDS, () => {});

  const latenciesMs: number[] = [];
  const serverCpuBefore = await serversCpu(options);
  await firstServer(options)?.query<LoopDelay>('loopDelay');
  const cpuBefore = process.cpuUsage();
  const wallBefore = performance.now();
  const result = await runAutocannon(context, options, connections, context.durationSeconds, (statusCode, ms) => {
    if (statusCode >= 200 && statusCode < 300) latenciesMs.push(ms);
  });
  const cpu = process.cpuUsage(cpuBefore);
  const wallMs = performance.now() - wallBefore;
  const serverCpuAfter = await serversCpu(options);
  const serverLoopDelay = await firstServer(options)?.query<LoopDelay>('loopDelay');
  const serverCpuMs = serverCpuBefore === undefined || serverCpuAfter === undefined ? undefined : (serverCpuAfter - serverCpuBefore) / 1000;

  return {
    requestsPerSecond: result['2xx'] / result.duration,
    ...summariseLatencies(latenciesMs),
    requests: result['2xx'],
    connections,
    loaderCpuPercent: ((cpu.user + cpu.system) / 1000 / wallMs) * 100,
    ...(serverCpuMs === undefined ? {} : { serverCpuMsPerRequest: serverCpuMs / Math.max(1, result['2xx']) }),
    ...(serverLoopDelay === undefined ? {} : { serverLoopDelay }),
  };
}

function firstServer(options: LoadTestOptions): ChildServer | undefined {
  if (!options.server) return undefined;
  return 'query' in options.server ? options.server : options.server[0];
}

/** The servers' CPU time so far, summed (undefined when no server was given). */
async function serversCpu(options: LoadTestOptions): Promise<number | undefined> {
  if (!options.server) return undefined;
  const servers: readonly ChildServer[] = 'query' in options.server ? [options.server] : options.server;
  const times = await Promise.all(servers.map((server) => server.query<number>('cpu')));
  return times.reduce((sum, time) => sum + time, 0);
}

/** One autocannon per URL at once, the connections split between them; their counts added up. */
async function runAutocannon(
  context: BenchContext,
  options: LoadTestOptions,
  connections: number,
  seconds: number,
  onResponse: (statusCode: number, ms: number) => void,
): Promise<Pick<autocannon.Result, '2xx' | 'duration'>> {
  const urls: readonly string[] = typeof options.url === 'string' ? [options.url] : options.url;
  const results = await Promise.all(urls.map((url, i) => runOneAutocannon(context, url, options.requests, Math.ceil((connections - i) / urls.length), seconds, onResponse)));
  return { '2xx': results.reduce((sum, result) => sum + result['2xx'], 0), duration: Math.max(...results.map((result) => result.duration)) };
}

function runOneAutocannon(
  context: BenchContext,
  url: string,
  requests: readonly autocannon.Request[],
  connections: number,
  seconds: number,
  onResponse: (statusCode: number, ms: number) => void,
): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      { url, requests: [...requests], connections, duration: seconds },
      (error, result) => {
        if (error) return reject(error);
        const failed = result.errors + result.non2xx;
        if (failed > 0) return reject(new Error(`${failed} of ${result.requests.total} requests to ${url} failed (${JSON.stringify(result.statusCodeStats ?? {})}, ${result.errors} errors)`));
        resolve(result);
      },
    );
    instance.on('response', (_client, statusCode, _bytes, ms) => onResponse(statusCode, ms));
    context.defer(() => instance.stop());
  });
}

/** The table's figures for a load test. */
export function loadTestFigures(result: LoadTestResult): Figure[] {
  return [
    { metric: 'req/s', value: result.requestsPerSecond },
    { metric: 'p50 ms', value: result.p50Ms },
    { metric: 'p99 ms', value: result.p99Ms },
  ];
}

export function describeLoadTest(result: LoadTestResult, durationSeconds: number): string {
  const server = result.serverCpuMsPerRequest === undefined ? '' : `, server CPU ${result.serverCpuMsPerRequest.toFixed(3)} ms per request`;
  const delay = result.serverLoopDelay;
  const loop = delay === undefined ? '' : `, server event-loop delay p50 ${delay.p50Ms.toFixed(2)} / p99 ${delay.p99Ms.toFixed(2)} / max ${delay.maxMs.toFixed(1)} ms`;
  return `${result.connections} connections for ${durationSeconds} s after a warm-up, ${result.requests.toLocaleString('en')} requests, loader CPU ${Math.round(result.loaderCpuPercent)}%${server}${loop}`;
}
