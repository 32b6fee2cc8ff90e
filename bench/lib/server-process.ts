import { type ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { BenchContext } from './benchmark';

/**
 * Servers under test run in their own process, the load generator (autocannon, websocket viewers)
 * in run.ts's process: on a 2-core machine each then gets a core instead of competing for one
 * event loop, and the server's figures are not slowed by the loader's work.
 */

export interface RunningServer {
  /** e.g. `http://127.0.0.1:41234` */
  readonly url: string;
  close(): Promise<void>;
}

/** A server in a child process, which also answers questions about itself (memory, counters). */
export interface ChildServer extends RunningServer {
  /** Asks the child; `memory` and `cpu` are always answered, other names when the entry registered them. */
  query<T>(name: string): Promise<T>;
}

/** The child's memory after a full garbage collection, in bytes. */
export interface ServerMemory {
  readonly rss: number;
  readonly heapUsed: number;
}

/** CPU time the child has used so far (user + system), in microseconds. */
function cpu(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}

/** Questions a child entry can answer besides `memory` and `cpu` (see `serveFromChildProcess`). */
export type ServerQueries = Record<string, () => unknown>;

interface ReadyMessage {
  readonly url: string;
}
interface QueryMessage {
  readonly query: string;
  readonly id: number;
}
interface AnswerMessage {
  readonly answer: number;
  readonly value?: unknown;
  readonly error?: string;
}

const PROJECT_ROOT = path.resolve(import.meta.dirname, '..', '..');
const STOP_GRACE_MS = 5_000;

/**
 * `BENCH_CPU_PROF=<folder>` profiles every server child (`node --cpu-prof`), one .cpuprofile per
 * server, written when it stops; open them in Chrome DevTools or VS Code.
 */
function profilingFlags(): string[] {
  const folder = process.env.BENCH_CPU_PROF;
  return folder ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(folder)}`] : [];
}

/**
 * Forks `entry` (a .ts file calling `serveFromChildProcess`) and resolves once it listens. The
 * child's stdout (the app's request log) is discarded so logging costs what it costs in production
 * without flooding the terminal; its stderr is kept so crashes are visible. `--expose-gc` lets the
 * memory query collect garbage first, so it reports what is live, not what is pending collection.
 */
export function forkServer(context: BenchContext, entry: string, env: Record<string, string> = {}): Promise<ChildServer> {
  const child = fork(entry, [], {
    cwd: PROJECT_ROOT,
    execArgv: ['--import', 'tsx', '--expose-gc', ...profilingFlags()],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  context.defer(() => stopChild(child));

  let nextId = 0;
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  child.on('message', (message) => {
    const answer = message as Partial<AnswerMessage>;
    if (answer.answer === undefined) return;
    const waiter = pending.get(answer.answer);
    pending.delete(answer.answer);
    if (answer.error !== undefined) waiter?.reject(new Error(answer.error));
    else waiter?.resolve(answer.value);
  });
  const query = <T>(name: string): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = ++nextId;
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      child.send({ query: name, id } satisfies QueryMessage);
    });

  return new Promise((resolve, reject) => {
    child.once('exit', (code, signal) => reject(new Error(`${path.basename(entry)} exited before listening (code ${code}, signal ${signal})`)));
    child.once('error', reject);
    child.once('message', (message) => resolve({ url: (message as ReadyMessage).url, close: () => stopChild(child), query }));
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
  await exited;
  clearTimeout(killer);
}

function memory(): ServerMemory {
  const gc = (globalThis as { gc?: () => void }).gc;
  // Twice: the first pass can leave objects that only become unreachable after finalisers ran.
  gc?.();
  gc?.();
  const { rss, heapUsed } = process.memoryUsage();
  return { rss, heapUsed };
}

/** How late the event loop ran a 1 ms timer, in ms, since the last ask: how long a request arriving at a random moment waited before the loop could look at it. */
export interface LoopDelay {
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

const loopDelays = monitorEventLoopDelay({ resolution: 1 });

function loopDelay(): LoopDelay {
  const ms = (ns: number) => ns / 1e6;
  const delay = { p50Ms: ms(loopDelays.percentile(50)), p99Ms: ms(loopDelays.percentile(99)), maxMs: ms(loopDelays.max) };
  loopDelays.reset();
  return delay;
}

/** The child's half: start the server, tell the parent its URL, answer queries, close cleanly on SIGTERM. */
export function serveFromChildProcess(start: () => Promise<RunningServer>, queries: ServerQueries = {}): void {
  const answers: ServerQueries = { memory, cpu, loopDelay, ...queries };
  loopDelays.enable();
  start().then(
    (server) => {
      process.once('SIGTERM', () => {
        server.close().then(() => process.exit(0), () => process.exit(1));
      });
      // Losing the parent (run.ts crashed) must not leave a server running.
      process.once('disconnect', () => process.exit(0));
      process.on('message', (message) => {
        const { query, id } = message as QueryMessage;
        const answer = answers[query];
        const reply: AnswerMessage = answer ? { answer: id, value: answer() } : { answer: id, error: `the server cannot answer "${query}"` };
        process.send!(reply);
      });
      const ready: ReadyMessage = { url: server.url };
      process.send!(ready);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
