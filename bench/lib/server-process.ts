import { type ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
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

interface ReadyMessage {
  readonly url: string;
}

const PROJECT_ROOT = path.resolve(import.meta.dirname, '..', '..');
const STOP_GRACE_MS = 5_000;

/**
 * Forks `entry` (a .ts file calling `serveFromChildProcess`) and resolves once it listens. The
 * child's stdout (the app's request log) is discarded so logging costs what it costs in production
 * without flooding the terminal; its stderr is kept so crashes are visible.
 */
export function forkServer(context: BenchContext, entry: string, env: Record<string, string> = {}): Promise<RunningServer> {
  const child = fork(entry, [], {
    cwd: PROJECT_ROOT,
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  context.defer(() => stopChild(child));
  return new Promise((resolve, reject) => {
    child.once('exit', (code, signal) => reject(new Error(`${path.basename(entry)} exited before listening (code ${code}, signal ${signal})`)));
    child.once('error', reject);
    child.once('message', (message) => resolve({ url: (message as ReadyMessage).url, close: () => stopChild(child) }));
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

/** The child's half: start the server, tell the parent its URL, close it cleanly on SIGTERM. */
export function serveFromChildProcess(start: () => Promise<RunningServer>): void {
  start().then(
    (server) => {
      process.once('SIGTERM', () => {
        server.close().then(() => process.exit(0), () => process.exit(1));
      });
      // Losing the parent (run.ts crashed) must not leave a server running.
      process.once('disconnect', () => process.exit(0));
      const ready: ReadyMessage = { url: server.url };
      process.send!(ready);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
