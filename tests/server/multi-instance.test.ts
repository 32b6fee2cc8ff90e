import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app';
import { LIVE_CLOSE, type ServerMessage, sectionChannel } from '../../server/contracts/live';
import type { NotificationList } from '../../server/contracts/notifications';
import { writeTransaction } from '../../server/db/write-transaction';
import { appendEvent } from '../../server/events/event-log';
import type { App } from '../../server/platform/fastify';
import { COMMENTS_URL, postOk } from '../helpers/comments';
import { createConsultation } from '../helpers/factories';
import { LiveTestClient } from '../helpers/live';
import { onPostgres, testConfig } from '../helpers/test-app';
import { type Actor, createActor } from '../helpers/users';

// Several instances share one PostgreSQL database: two apps in one test, each on its own port.
const CHANNEL = sectionChannel('test-consultation', 'governance');
type EventFrame = Extract<ServerMessage, { type: 'event' }>;

const apps: App[] = [];
const clients: LiveTestClient[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  for (const app of apps.splice(0)) await app.close();
});

/** Two instances on one fresh database, both listening; the fixture's events already dispatched. */
async function twoInstances() {
  const config = testConfig({ rateLimitPerMinute: 100_000, authRateLimitPerMinute: 1000 });
  const a = await buildApp(config);
  apps.push(a);
  const b = await buildApp(config);
  apps.push(b);
  await createConsultation(a.db);
  for (const app of [a, b]) {
    app.liveHub.wake();
    await app.liveHub.idle();
  }
  const [urlA, urlB] = [await a.listen({ port: 0, host: '127.0.0.1' }), await b.listen({ port: 0, host: '127.0.0.1' })];
  return { a, b, urlA, urlB };
}

async function connect(url: string, app: App, cookie?: string) {
  const client = await LiveTestClient.connect(url, { origin: app.config.siteOrigin, cookie });
  clients.push(client);
  return client;
}

const bodies = (client: LiveTestClient) => client.events().map((e) => (e.event.data as { body?: string }).body);
const seqsOf = (client: LiveTestClient) => client.events().map((e) => e.seq);

/** Posts through `actor` (bound to one instance) and returns the body. */
async function comment(actor: Actor, body: string) {
  await postOk(actor, { body });
  return body;
}

describe.skipIf(!onPostgres)('several instances on one PostgreSQL', () => {
  it('shows a viewer on one instance the comment posted through the other', async () => {
    const { a, b, urlA } = await twoInstances();
    const viewer = await connect(urlA, a);
    await viewer.subscribe(CHANNEL);
    const author = await createActor(b);
    await comment(author, 'Posted through B.');
    const frame = await viewer.next<EventFrame>((m) => m.type === 'event' && m.event.type === 'comment.created');
    expect((frame.event.data as { body: string }).body).toBe('Posted through B.');
  });

  it('resumes a client that reconnects to the other instance with no gap and no duplicate', async () => {
    const { a, b, urlA, urlB } = await twoInstances();
    const author = await createActor(a);
    const first = await connect(urlA, a);
    await first.subscribe(CHANNEL);
    await comment(author, 'seen');
    const seen = await first.next<EventFrame>((m) => m.type === 'event' && m.event.type === 'comment.created');
    first.close();
    for (const body of ['missed 1', 'missed 2']) await comment(author, body);

    const again = await connect(urlB, b);
    await again.subscribe(CHANNEL, seen.seq);
    const late = await createActor(b);
    await comment(late, 'after');
    await again.next(() => bodies(again).includes('after'));
    expect(bodies(again).filter(Boolean)).toEqual(['missed 1', 'missed 2', 'after']);
    expect(new Set(seqsOf(again)).size).toBe(seqsOf(again).length);
    expect([...seqsOf(again)].sort((x, y) => x - y)).toEqual(seqsOf(again));
  });

  it('never loses an event whose transaction took the lower seq and committed last', async () => {
    const { a, b, urlA, urlB } = await twoInstances();
    const live = await connect(urlA, a);
    await live.subscribe(CHANNEL);
    const { seq: before } = await live.next<Extract<ServerMessage, { type: 'subscribed' }>>((m) => m.type === 'subscribed');

    // The first transaction appends (taking the lower seq) and stays open; the second, on the
    // other instance, appends and tries to commit first.
    const slow = await a.db.startTransaction().execute();
    await appendEvent(slow, CHANNEL, 'section.unlocked', { by: { username: 'lower', displayName: 'Lower seq' } });
    const order: string[] = [];
    const fast = (async () => {
      const trx = await b.db.startTransaction().execute();
      await appendEvent(trx, CHANNEL, 'section.unlocked', { by: { username: 'higher', displayName: 'Higher seq' } });
      await trx.commit().execute();
      order.push('fast committed');
    })();
    // Meanwhile both hubs read the log again and again; a reader of `seq > cursor` that saw the
    // second event before the first committed would move past the first for good.
    for (let i = 0; i < 5; i++) {
      for (const app of [a, b]) app.liveHub.wake();
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
    order.push('slow commits');
    await slow.commit().execute();
    await fast;
    expect(order).toEqual(['slow commits', 'fast committed']);

    await live.next(() => live.events().length === 2);
    expect(live.events().map((e) => (e.event.data as { by: { username: string } }).by.username)).toEqual(['lower', 'higher']);
    expect(seqsOf(live)).toEqual([before + 1, before + 2]);
    // A client resuming from before both, on either instance, gets both, in order.
    for (const [app, url] of [[a, urlA], [b, urlB]] as const) {
      const resumed = await connect(url, app);
      await resumed.subscribe(CHANNEL, before);
      expect(seqsOf(resumed)).toEqual([before + 1, before + 2]);
    }
  });

  it('tells a person once of an event that both instances read', async () => {
    const { a, b } = await twoInstances();
    const ann = await createActor(a);
    const bob = await createActor(b);
    const mine = await postOk(ann, { body: 'Publish the spending monthly.' });
    await postOk(bob, { body: 'Quarterly is plenty.', parentId: mine.id });
    await Promise.all([a.notifications.flush(), b.notifications.flush()]);
    const reply = await a.db.selectFrom('events').select(['channel', 'payload']).where('type', '=', 'comment.created').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    // The reply's event once more, appended directly, then read by both instances at once.
    await writeTransaction(a.db, (trx) => appendEvent(trx, reply.channel, 'comment.created', JSON.parse(reply.payload)));
    await Promise.all([a.notifications.flush(), b.notifications.flush()]);
    const { notifications } = (await ann.inject({ method: 'GET', url: '/api/notifications' })).json() as NotificationList;
    expect(notifications.map((n) => n.kind)).toEqual(['comment_reply', 'comment_reply']);
  });

  it('counts viewers and names editors across instances', async () => {
    const { a, b, urlA, urlB } = await twoInstances();
    const editor = await createActor(b, 'editor');
    const onA = await connect(urlA, a);
    await onA.subscribe(CHANNEL);
    const onB = await connect(urlB, b, editor.cookie);
    await onB.subscribe(CHANNEL);
    onB.send({ type: 'presence', channel: CHANNEL, activity: 'editing' });
    const presence = (m: ServerMessage, viewers: number) => m.type === 'presence' && m.viewers === viewers && m.editing.length === 1;
    await onA.next((m) => presence(m, 2));
    await onB.next((m) => presence(m, 2));
    onB.close();
    await onA.next((m) => m.type === 'presence' && m.viewers === 1 && m.editing.length === 0);
  });

  it('closes the sockets of a person signed out through the other instance', async () => {
    const { a, b, urlA } = await twoInstances();
    const person = await createActor(a);
    const socket = await connect(urlA, a, person.cookie);
    await socket.subscribe(CHANNEL);
    const response = await b.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: person.cookie, 'x-csrf-token': person.csrf } });
    expect(response.statusCode).toBe(204);
    expect(await socket.closed).toBe(LIVE_CLOSE.signedOut);
  });

  it('closes the sockets of a person blocked on the other instance', async () => {
    const { a, b, urlA } = await twoInstances();
    const person = await createActor(a);
    const moderator = await createActor(b, 'moderator');
    const socket = await connect(urlA, a, person.cookie);
    await socket.subscribe(CHANNEL);
    const response = await moderator.inject({ method: 'POST', url: `/api/moderation/users/${person.id}/block`, payload: { reason: 'advertising' } });
    expect(response.statusCode).toBe(200);
    expect(await socket.closed).toBe(LIVE_CLOSE.signedOut);
  });

  it('serves the signed-out page with a comment written on the other instance (shared cache invalidation)', async () => {
    const { a, b } = await twoInstances();
    const count = async () => (await b.inject({ method: 'GET', url: COMMENTS_URL })).json().comments.length as number;
    const before = await count();
    expect(await count()).toBe(before); // now cached on B
    await comment(await createActor(a), 'Written on A.');
    await expect.poll(count).toBe(before + 1);
  });
});
