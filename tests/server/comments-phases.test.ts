import type { InjectOptions } from 'fastify';
import { beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../server/platform/fastify';
import { COMMENTS_URL, postOk } from '../helpers/comments';
import { createConsultation } from '../helpers/factories';
import { buildTestApp } from '../helpers/test-app';
import { type Actor, createActor } from '../helpers/users';

// Every write path is checked against every reason comments can be closed (consuldemocracy#3553:
// writes accepted after closing through direct links).

let app: App;
let alice: Actor;
let bob: Actor;
let ids: { root: number; reply: number; endorsed: number };

beforeEach(async () => {
  app = await buildTestApp();
  await createConsultation(app.db);
  alice = await createActor(app);
  bob = await createActor(app);
  const root = await postOk(alice, { body: 'Root comment' });
  const reply = await postOk(alice, { body: 'A reply', parentId: root.id });
  const endorsed = await postOk(bob, { body: 'Endorsed by Alice' });
  await alice.inject({ method: 'POST', url: `/api/comments/${endorsed.id}/endorse` });
  ids = { root: root.id, reply: reply.id, endorsed: endorsed.id };
});

type WritePath = [name: string, request: () => InjectOptions];
const writePaths: WritePath[] = [
  ['create', () => ({ method: 'POST', url: COMMENTS_URL, payload: { kind: 'object', body: 'Too late?' } })],
  ['reply', () => ({ method: 'POST', url: COMMENTS_URL, payload: { kind: 'general', body: 'Late reply', parentId: ids.root } })],
  ['reply to a reply', () => ({ method: 'POST', url: COMMENTS_URL, payload: { kind: 'general', body: 'Late reply', parentId: ids.reply } })],
  ['edit', () => ({ method: 'PATCH', url: `/api/comments/${ids.root}`, payload: { body: 'Changed my mind' } })],
  ['edit a reply', () => ({ method: 'PATCH', url: `/api/comments/${ids.reply}`, payload: { body: 'Changed my mind' } })],
  ['delete', () => ({ method: 'DELETE', url: `/api/comments/${ids.root}` })],
  ['endorse', () => ({ method: 'POST', url: `/api/comments/${ids.endorsed}/endorse` })],
  ['withdraw an endorsement', () => ({ method: 'DELETE', url: `/api/comments/${ids.endorsed}/endorse` })],
];

const closeThread = async (rootId: number) =>
  app.db.updateTable('comments').set({ closed_at: '2026-01-05T10:00:00.000Z', closed_note: 'Off topic.' }).where('id', '=', rootId).execute();

const states: [name: string, code: string, message: string, apply: () => Promise<unknown>][] = [
  [
    'the consultation has not opened',
    'not_open',
    'Comments open on 1 January 2099.',
    () => app.db.updateTable('consultations').set({ opens_at: '2099-01-01T00:00:00.000Z', closes_at: '2099-03-01T00:00:00.000Z' }).execute(),
  ],
  [
    'the consultation has closed',
    'closed',
    'Comments closed on 14 March 2010.',
    () => app.db.updateTable('consultations').set({ opens_at: '2010-01-01T00:00:00.000Z', closes_at: '2010-03-14T23:59:59.999Z' }).execute(),
  ],
  [
    'the outcome is published',
    'closed',
    'Comments closed on 14 March 2010.',
    () =>
      app.db
        .updateTable('consultations')
        .set({ opens_at: '2010-01-01T00:00:00.000Z', closes_at: '2010-03-14T23:59:59.999Z', outcome_published_at: '2010-06-01T00:00:00.000Z' })
        .execute(),
  ],
  [
    'a moderator closed the section’s comments',
    'comments_closed',
    'Comments on this section closed on 2 February 2026. Thanks, everyone.',
    () => app.db.updateTable('sections').set({ comments_closed_at: '2026-02-02T12:00:00.000Z', comments_closed_note: 'Thanks, everyone.' }).execute(),
  ],
];

describe.each(states)('when %s', (_state, code, message, apply) => {
  it.each(writePaths)('%s → 409 with the message the page shows', async (_path, request) => {
    await apply();
    const response = await alice.inject(request());
    expect(response.statusCode).toBe(409);
    expect(response.json().error).toEqual({ code, message });
  });
});

describe('when a moderator closed the thread', () => {
  const threadPaths = writePaths.filter(([name]) => name !== 'create');
  it.each(threadPaths)('%s → 409', async (_path, request) => {
    await closeThread(ids.root);
    await closeThread(ids.endorsed);
    const response = await alice.inject(request());
    expect(response.statusCode).toBe(409);
    expect(response.json().error).toEqual({ code: 'thread_closed', message: 'This thread was closed on 5 January 2026. Off topic.' });
  });

  it('still accepts new comments elsewhere in the section', async () => {
    await closeThread(ids.root);
    expect((await alice.inject(writePaths[0]![1]())).statusCode).toBe(201);
  });
});

describe('who may write at all', () => {
  it.each(writePaths)('%s: signed out → 401, blocked → 403', async (_path, request) => {
    expect((await app.inject(request())).statusCode).toBe(401);
    await app.db.updateTable('users').set({ blocked_at: '2026-01-01T00:00:00.000Z' }).where('id', '=', alice.id).execute();
    const response = await alice.inject(request());
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('blocked');
  });
});
