/**
 * Issue 13's availability findings, each as the hostile request that stalled or broke the server.
 * Each test fails on the code before the fix (a 500, a stall past the test timeout, a flood of
 * frames, or a lock-out); speed itself is measured in bench/abuse.ts, not here.
 */
import fs from 'node:fs';
import os from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app';
import type { Config } from '../../server/config';
import { LIVE_CLOSE, MAX_REPLAY_EVENTS, MAX_SUBSCRIPTIONS_PER_SOCKET, sectionChannel } from '../../server/contracts/live';
import { writeTransaction } from '../../server/db/write-transaction';
import { appendEvent, latestSeq } from '../../server/events/event-log';
import type { App } from '../../server/platform/fastify';
import { BACKGROUND_NICENESS } from '../../server/platform/thread-priority.mjs';
import { COMMENTS_URL } from '../helpers/comments';
import { createConsultation } from '../helpers/factories';
import { LiveTestClient } from '../helpers/live';
import { testConfig } from '../helpers/test-app';
import { createActor, TEST_PASSWORD } from '../helpers/users';

const CHANNEL = sectionChannel('test-consultation', 'governance');
const apps: App[] = [];
const clients: LiveTestClient[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  for (const app of apps.splice(0)) await app.close();
});

async function start(overrides: Partial<Config> = {}, listen = false) {
  const app = await buildApp(testConfig(overrides));
  apps.push(app);
  await createConsultation(app.db);
  app.liveHub.wake();
  await app.liveHub.idle();
  const url = listen ? await app.listen({ port: 0, host: '127.0.0.1' }) : '';
  return { app, url };
}

async function connect(app: App, url: string): Promise<LiveTestClient> {
  const client = await LiveTestClient.connect(url, { origin: app.config.siteOrigin });
  clients.push(client);
  return client;
}

/** ~`bytes` of Markdown paragraphs of pseudo-random words: long, and unlike any other text. */
function unrelatedText(bytes: number, seed: number): string {
  let state = seed;
  const words: string[] = [];
  for (let length = 0; length < bytes - 20; ) {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    const word = `w${state % 5000}${words.length % 20 === 19 ? '\n\n' : ' '}`;
    words.push(word);
    length += word.length;
  }
  return words.join('');
}

describe('finding 1: a 100 KB proposal', () => {
  it('is compared more coarsely than word by word, flagged as such, instead of stalling for seconds', async () => {
    const { app } = await start();
    const citizen = await createActor(app);
    const markdown = unrelatedText(100_000, 7);
    const submitted = await citizen.inject({ method: 'POST', url: `${COMMENTS_URL.replace('/comments', '')}/proposals`, payload: { baseRevision: 1, markdown, summary: 'Everything' } });
    expect(submitted.statusCode).toBe(201);
    const response = await app.inject({ url: `/api/proposals/${submitted.json().proposal.id}` });
    expect(response.statusCode).toBe(200);
    const { base } = response.json().proposal.diffs;
    // Line by line, or as a whole when even that would overrun the budget (a loaded machine).
    expect(['line', 'text']).toContain(base.granularity);
    // Still a faithful diff: the added and kept parts give the proposal back.
    expect(base.inline.filter((s: { kind: string }) => s.kind !== 'removed').map((s: { text: string }) => s.text).join('')).toBe(markdown);
  });
});

describe('finding 2: live replay flood', () => {
  it('replays a channel once per subscription, however often it is subscribed again', async () => {
    const { app, url } = await start({}, true);
    const since = await latestSeq(app.db);
    for (let i = 0; i < 3; i++) await writeTransaction(app.db, (trx) => appendEvent(trx, CHANNEL, 'revision.published', { summary: `change ${i}` } as never));
    app.liveHub.wake();
    await app.liveHub.idle();
    const client = await connect(app, url);
    for (let i = 0; i < 10; i++) client.send({ type: 'subscribe', channels: [CHANNEL], since });
    await client.next(() => client.messages.filter((m) => m.type === 'subscribed').length === 10);
    expect(client.events().map((e) => (e.event.data as { summary: string }).summary)).toEqual(['change 0', 'change 1', 'change 2']);
  });

  it('replays a history exactly as long as the bound', async () => {
    const { app, url } = await start({}, true);
    const since = await latestSeq(app.db);
    for (let i = 0; i < MAX_REPLAY_EVENTS; i++) await writeTransaction(app.db, (trx) => appendEvent(trx, CHANNEL, 'revision.published', { summary: `change ${i}` } as never));
    app.liveHub.wake();
    await app.liveHub.idle();
    const client = await connect(app, url);
    await client.subscribe(CHANNEL, since);
    expect(client.messages.find((m) => m.type === 'reset')).toBeUndefined();
    expect(client.events()).toHaveLength(MAX_REPLAY_EVENTS);
  });

  it('sends reset instead of replaying a history longer than the bound', async () => {
    const { app, url } = await start({}, true);
    for (let i = 0; i <= MAX_REPLAY_EVENTS; i++) await writeTransaction(app.db, (trx) => appendEvent(trx, CHANNEL, 'revision.published', { summary: `change ${i}` } as never));
    app.liveHub.wake();
    await app.liveHub.idle();
    const client = await connect(app, url);
    await client.subscribe(CHANNEL, 0);
    expect(client.messages.find((m) => m.type === 'reset')).toMatchObject({ channel: CHANNEL });
    expect(client.events()).toEqual([]);
  });
});

describe('finding 3: deeply nested Markdown', () => {
  it('refuses a preview, a comment and a table past the limits with 400 naming the field', async () => {
    const { app } = await start();
    const citizen = await createActor(app);
    const preview = (markdown: string) => citizen.inject({ method: 'POST', url: '/api/markdown/preview', payload: { markdown } });
    const table = `${'| a '.repeat(2_000)}|\n${'|---'.repeat(2_000)}|\n${'| x '.repeat(2_000)}|\n`;
    for (const markdown of ['> '.repeat(40_000), table, '[a]('.repeat(20_000)]) {
      const response = await preview(markdown);
      expect(response.statusCode).toBe(400);
      expect(response.json().error).toMatchObject({ code: 'markdown_too_complex', field: 'markdown' });
    }
    const comment = await citizen.inject({ method: 'POST', url: COMMENTS_URL, payload: { kind: 'general', body: '> '.repeat(4_990) } });
    expect(comment.statusCode).toBe(400);
    expect(comment.json().error).toMatchObject({ code: 'markdown_too_complex', field: 'body' });
    // Ordinary nesting still renders.
    expect((await preview('> quoted\n>\n> > and quoted again\n\n- a\n  - b\n    - c')).statusCode).toBe(200);
  });
});

describe('finding 4: live connection limits', () => {
  it('closes a socket that subscribes to too many channels', async () => {
    const { app, url } = await start({}, true);
    const client = await connect(app, url);
    const made = Array.from({ length: MAX_SUBSCRIPTIONS_PER_SOCKET + 20 }, (_, i) => sectionChannel('test-consultation', `made-up-${i}`));
    for (let i = 0; i < made.length; i += 20) client.send({ type: 'subscribe', channels: made.slice(i, i + 20) });
    expect(await client.closed).toBe(LIVE_CLOSE.tooManySubscriptions);
  });

  it('closes a socket that sends messages faster than the limit', async () => {
    const { app, url } = await start({}, true);
    const client = await connect(app, url);
    for (let i = 0; i < 200; i++) client.send({ type: 'ping' });
    expect(await client.closed).toBe(LIVE_CLOSE.tooManyMessages);
  });

  it('refuses more open sockets from one address than the setting allows', async () => {
    const { app, url } = await start({ liveMaxSocketsPerAddress: 3 }, true);
    for (let i = 0; i < 3; i++) await connect(app, url);
    await expect(LiveTestClient.connect(url, { origin: app.config.siteOrigin })).rejects.toThrow(/429/);
    clients.pop()!.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    clients.push(await LiveTestClient.connect(url, { origin: app.config.siteOrigin }));
  });
});

describe('finding 5: strangers lock owners out', () => {
  it('lets the owner in from their own browser after five wrong passwords from five addresses', async () => {
    const { app } = await start({ authRateLimitPerMinute: 5 });
    await createActor(app, 'citizen', { username: 'victim' });
    const signIn = (password: string, remoteAddress: string, cookie?: string) =>
      app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'victim', password }, remoteAddress, headers: cookie ? { cookie } : {} });
    const before = await signIn(TEST_PASSWORD, '192.0.2.1');
    const device = before.cookies.find((c) => c.name === 'agora_device')!;
    for (let i = 1; i <= 5; i++) expect((await signIn('guess', `198.51.100.${i}`)).statusCode).toBe(401);
    expect((await signIn(TEST_PASSWORD, '203.0.113.9', `${device.name}=${device.value}`)).statusCode).toBe(200);
  });
});

describe('heavy work yields the CPU to the event loop', () => {
  /** CPU time (clock ticks) and niceness of each thread of this process, from /proc. */
  function threads(): Map<string, { ticks: number; nice: number }> {
    return new Map(
      fs.readdirSync('/proc/self/task').map((tid) => {
        const fields = fs.readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ');
        return [tid, { ticks: Number(fields[11]) + Number(fields[12]), nice: Number(fields[16]) }];
      }),
    );
  }
  /** CPU ticks that threads at the background niceness spent during `work`. */
  async function backgroundWorkDuring(work: () => Promise<void>): Promise<number> {
    const before = threads();
    await work();
    return [...threads()].filter(([, { nice }]) => nice === BACKGROUND_NICENESS).reduce((sum, [tid, { ticks }]) => sum + ticks - (before.get(tid)?.ticks ?? 0), 0);
  }

  it.runIf(fs.existsSync('/proc/thread-self'))('checks passwords on a thread of lower priority than the event loop', async () => {
    const { app } = await start();
    await createActor(app, 'citizen', { username: 'owner' });
    const signIn = async (password: string, status: number) => {
      for (let i = 0; i < 3; i++) expect((await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'owner', password } })).statusCode).toBe(status);
    };
    expect(await backgroundWorkDuring(() => signIn('a wrong guess', 401))).toBeGreaterThan(0);
    expect(await backgroundWorkDuring(() => signIn(TEST_PASSWORD, 200))).toBeGreaterThan(0);
    expect(os.getPriority()).toBe(0);
  });
});
