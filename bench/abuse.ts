import SQLite from 'better-sqlite3';
import WebSocket from 'ws';
import { AGORA_SERVER_ENTRY } from './lib/agora-app';
import { BENCH_CHANNEL, BENCH_SECTION_PATH, type BenchSession, createUsersWithSessions, prepareDataDir } from './lib/agora-data';
import type { Benchmark, BenchContext, Measurement } from './lib/benchmark';
import { describeLoadTest, loadTestFigures, runLoadTest } from './lib/load-test';
import { type ChildServer, forkServer } from './lib/server-process';
import { makeTempDataDir } from './lib/temp-data-dir';

/**
 * Issue 13: one hostile person must not stall everyone. An ordinary GET (the signed-out section
 * read, one cached page) is load-tested idle, then again while each abuse from the issue runs
 * beside it from the same machine; the figure to watch is each p99 against the idle p99 (goal
 * ≤ 3×). Every abuse runs flat out, one request or socket message after another.
 */

/** Events on the benchmark channel, so a replay from seq 0 has plenty to send. */
const LOGGED_EVENTS = 5_000;
const FLOOD_SOCKETS = 20;

/** How many answers of each status the attacker got (HTTP abuses only), for the note. */
type Answers = Record<number, number>;
type Abuse = (server: ChildServer, attacker: BenchSession, until: () => boolean) => Promise<Answers | void>;

/** `fetch` in a loop, counting answers by status (429s and 400s are the server defending itself). */
function hammer(request: () => Promise<Response>): (until: () => boolean) => Promise<Answers> {
  return async (until) => {
    const answers: Answers = {};
    while (!until()) {
      const response = await request();
      await response.arrayBuffer();
      answers[response.status] = (answers[response.status] ?? 0) + 1;
    }
    return answers;
  };
}

function describeAnswers(answers: Answers | void): string {
  if (!answers) return '';
  const counts = Object.entries(answers).map(([status, count]) => `${count.toLocaleString('en-GB')} × ${status}`);
  return `; the attacker's answers: ${counts.join(', ')}`;
}

const post = (server: ChildServer, attacker: BenchSession, path: string, body: unknown) => {
  // Encoded once: the attacker's own work runs in the loader's process and must not slow its clock.
  const encoded = JSON.stringify(body);
  return () => fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: attacker.cookie, 'x-csrf-token': attacker.csrf }, body: encoded });
};

/** 100 KB of paragraphs of pseudo-random words: as unlike the section as text can be. */
function unrelatedText(bytes: number): string {
  let state = 7;
  const words: string[] = [];
  for (let length = 0; length < bytes - 20; ) {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    const word = `w${state % 5000}${words.length % 20 === 19 ? '\n\n' : ' '}`;
    words.push(word);
    length += word.length;
  }
  return words.join('');
}

const ABUSES: Record<string, { label: string; run: Abuse }> = {
  'proposal-diff': {
    label: 'viewing a 100 KB proposal in a loop',
    run: async (server, attacker, until) => {
      const submitted = await post(server, attacker, `${BENCH_SECTION_PATH}/proposals`, { baseRevision: 1, markdown: unrelatedText(100_000), summary: 'Everything' })();
      if (submitted.status !== 201) throw new Error(`submitting the proposal failed: ${submitted.status} ${await submitted.text()}`);
      const { proposal } = (await submitted.json()) as { proposal: { id: number } };
      return hammer(() => fetch(`${server.url}/api/proposals/${proposal.id}`))(until);
    },
  },
  'nested-markdown': {
    label: 'previewing "> " × 40,000 in a loop',
    run: (server, attacker, until) => hammer(post(server, attacker, '/api/markdown/preview', { markdown: '> '.repeat(40_000) }))(until),
  },
  'large-preview': {
    label: 'previewing a 100 KB text in a loop',
    run: (server, attacker, until) => hammer(post(server, attacker, '/api/markdown/preview', { markdown: unrelatedText(100_000) }))(until),
  },
  'replay-flood': {
    label: `${FLOOD_SOCKETS} sockets re-subscribing with since 0 in a loop`,
    run: (server, _attacker, until) => Promise.all(Array.from({ length: FLOOD_SOCKETS }, () => floodSocket(server, until))).then(() => undefined),
  },
  'socket-hoard': {
    label: 'opening sockets from one address until refused, again and again',
    run: async (server, _attacker, until) => {
      const open: WebSocket[] = [];
      while (!until()) {
        const socket = new WebSocket(`${server.url.replace(/^http/, 'ws')}/api/live`, { headers: { origin: server.url } });
        const opened = await new Promise<boolean>((resolve) => {
          socket.once('open', () => resolve(true));
          socket.once('error', () => resolve(false));
        });
        if (opened) open.push(socket);
      }
      for (const socket of open) socket.terminate();
    },
  },
  'failed-sign-ins': {
    label: 'wrong passwords for one account in a loop',
    run: (server, _attacker, until) =>
      hammer(() => fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'abuser-1', password: 'a wrong guess' }) }))(until),
  },
};

/** One socket that subscribes from seq 0 over and over, reconnecting whenever it is cut off. */
async function floodSocket(server: ChildServer, until: () => boolean): Promise<void> {
  const subscribe = JSON.stringify({ type: 'subscribe', channels: [BENCH_CHANNEL], since: 0 });
  while (!until()) {
    const socket = new WebSocket(`${server.url.replace(/^http/, 'ws')}/api/live`, { headers: { origin: server.url } });
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (until()) socket.terminate();
        else if (socket.readyState === WebSocket.OPEN) socket.send(subscribe);
      }, 5);
      socket.once('close', () => (clearInterval(timer), resolve()));
      socket.once('error', () => undefined);
    });
  }
}

/** `BENCH_ABUSE=nested-markdown,large-preview` runs only those abuses (after the idle figure). */
function chosenAbuses(): [string, (typeof ABUSES)[string]][] {
  const only = process.env.BENCH_ABUSE?.split(',').map((key) => key.trim()).filter(Boolean);
  return Object.entries(ABUSES).filter(([key]) => !only || only.includes(key));
}

function logEvents(dbFile: string): void {
  const db = new SQLite(dbFile);
  try {
    const insert = db.prepare('INSERT INTO events (channel, type, payload, created_at) VALUES (?, ?, ?, ?)');
    const at = new Date().toISOString();
    db.transaction(() => {
      for (let i = 0; i < LOGGED_EVENTS; i++) insert.run(BENCH_CHANNEL, 'revision.published', JSON.stringify({ summary: `change ${i}`, number: i + 2 }), at);
    })();
  } finally {
    db.close();
  }
}

async function measureBeside(context: BenchContext, server: ChildServer, id: string, label: string, attack?: () => Promise<Answers | void>, stop?: () => void): Promise<Measurement> {
  const running = attack?.();
  const measured = runLoadTest(context, { url: server.url, requests: [{ method: 'GET', path: BENCH_SECTION_PATH }], connections: 4, server });
  // The attack stops once the measurement ends either way, and both have ended before any error is thrown.
  const [measurement, attackOutcome] = await Promise.allSettled([measured.finally(() => stop?.()), running]);
  if (measurement.status === 'rejected') throw measurement.reason;
  if (attackOutcome.status === 'rejected') throw attackOutcome.reason;
  const [result, answers] = [measurement.value, attackOutcome.value];
  return {
    id,
    label,
    figures: loadTestFigures(result),
    ...(attack ? { baselineId: 'abuse-idle' } : {}),
    note: `GET ${BENCH_SECTION_PATH} signed out; ${describeLoadTest(result, context.durationSeconds)}${describeAnswers(answers)}`,
  };
}

export const abuse: Benchmark = {
  name: 'Ordinary GET beside abuse',
  timeLimitSeconds: (duration) => (chosenAbuses().length + 1) * (duration + 15) + 60,
  async run(context) {
    const dataDir = makeTempDataDir(context, 'abuse');
    const dbFile = await prepareDataDir(dataDir);
    logEvents(dbFile);
    const [attacker] = createUsersWithSessions(dbFile, 1, 'abuser');
    // The real per-address limits, except the global request ceiling (all load comes from 127.0.0.1).
    const server = await forkServer(context, AGORA_SERVER_ENTRY, { DATA_DIR: dataDir, LIVE_MAX_SOCKETS_PER_ADDRESS: '50' });
    const measurements = [await measureBeside(context, server, 'abuse-idle', 'Ordinary GET, idle (baseline)')];
    for (const [key, { label, run }] of chosenAbuses()) {
      let stopped = false;
      measurements.push(await measureBeside(context, server, `abuse-${key}`, `Ordinary GET beside ${label}`, () => run(server, attacker!, () => stopped), () => (stopped = true)));
    }
    return measurements;
  },
};
