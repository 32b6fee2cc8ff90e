import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../server/platform/fastify';
import { postOk } from '../helpers/comments';
import { createConsultation } from '../helpers/factories';
import { listedAs, publicLog } from '../helpers/moderation';
import { buildTestApp } from '../helpers/test-app';
import { type Actor, createActor, TEST_PASSWORD } from '../helpers/users';

let app: App;
let ann: Actor;
let bob: Actor;
beforeEach(async () => {
  app = await buildTestApp({ authRateLimitPerMinute: 1000 });
  await createConsultation(app.db);
  ann = await createActor(app);
  bob = await createActor(app);
  await app.db.updateTable('users').set({ email: 'ann@example.org' }).where('id', '=', ann.id).execute();
});
afterEach(async () => app.close());

const deleteAccount = (actor: Actor, removeComments: boolean, currentPassword = TEST_PASSWORD) =>
  actor.inject({ method: 'POST', url: '/api/account/delete', payload: { currentPassword, removeComments } });

describe('my activity and my data', () => {
  it('tells anyone how long this site keeps sessions and its event log, as configured', async () => {
    const configured = await buildTestApp({ sessionIdleDays: 14, eventRetentionDays: 90 });
    try {
      const response = await configured.inject({ method: 'GET', url: '/api/privacy' });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ sessionIdleDays: 14, eventRetentionDays: 90 });
    } finally {
      await configured.close();
    }
  });

  it('lists my comments, the replies to them and my endorsements', async () => {
    const mine = await postOk(ann, { body: 'My first comment.' });
    const reply = await postOk(bob, { body: 'A reply to Ann.', parentId: mine.id });
    expect((await ann.inject({ method: 'POST', url: `/api/comments/${reply.id}/endorse` })).statusCode).toBeLessThan(300);
    const { activity } = (await ann.inject({ method: 'GET', url: '/api/account/activity' })).json();
    expect(activity.comments).toEqual([expect.objectContaining({ id: mine.id, excerpt: 'My first comment.', link: `/c/test-consultation/governance#comment-${mine.id}` })]);
    expect(activity.replies).toEqual([expect.objectContaining({ id: reply.id, toCommentId: mine.id, excerpt: 'A reply to Ann.' })]);
    expect(activity.endorsements).toEqual([expect.objectContaining({ commentId: reply.id })]);
    expect((await bob.inject({ method: 'GET', url: '/api/account/activity' })).json().activity.replies).toEqual([]);
  });

  it('lists the replies to my replies too, deep in someone else’s thread, and not the replies around them', async () => {
    const thread = await postOk(bob, { body: 'Bob starts a thread.' });
    const mine = await postOk(ann, { body: 'Ann answers Bob.', parentId: thread.id });
    const toMine = await postOk(bob, { body: 'Bob answers Ann.', parentId: mine.id });
    await postOk(bob, { body: 'Bob adds to his own thread.', parentId: thread.id });
    const { activity } = (await ann.inject({ method: 'GET', url: '/api/account/activity' })).json();
    expect(activity.replies).toEqual([expect.objectContaining({ id: toMine.id, toCommentId: mine.id, excerpt: 'Bob answers Ann.' })]);
  });

  it('downloads everything held about me as JSON, without secrets', async () => {
    await postOk(ann, { body: 'Words for the export.' });
    const response = await ann.inject({ method: 'GET', url: '/api/account/data' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toContain('attachment');
    const data = response.json();
    expect(data.account.user).toMatchObject({ username: ann.username, email: 'ann@example.org' });
    expect(data.comments.map((c: { body: string }) => c.body)).toEqual(['Words for the export.']);
    expect(data.account.sessions).toHaveLength(1);
    expect(response.body).not.toMatch(/argon2|token_hash|password_hash/);
  });

  it('deletes my account, keeping my comments as by "Deleted account", and logs it without my name', async () => {
    const mine = await postOk(ann, { body: 'Words that stay.' });
    expect((await deleteAccount(ann, false, 'wrong password')).statusCode).toBe(400);
    expect((await deleteAccount(ann, false)).statusCode).toBe(204);
    expect((await ann.inject({ method: 'GET', url: '/api/me' })).json().user).toBeNull();
    const shown = await listedAs(app, mine.id);
    expect(shown).toMatchObject({ body: 'Words that stay.', author: { displayName: 'Deleted account' } });
    expect(JSON.stringify(shown)).not.toContain(ann.username);
    const row = await app.db.selectFrom('users').selectAll().where('id', '=', ann.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ email: null, display_name: 'Deleted account' });
    expect(row.deleted_at).not.toBeNull();
    const [entry] = await publicLog(app);
    expect(entry).toMatchObject({ action: 'delete-account', actor: null, user: null });
    expect(JSON.stringify(entry)).not.toContain(ann.username);
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: ann.username, password: TEST_PASSWORD } });
    expect(login.statusCode).toBe(401);
  });

  it('removes my comments too when I choose', async () => {
    const mine = await postOk(ann, { body: 'Words that go.' });
    expect((await deleteAccount(ann, true)).statusCode).toBe(204);
    const shown = await listedAs(app, mine.id);
    expect(shown?.body ?? '').not.toContain('Words that go.');
    const stored = await app.db.selectFrom('comments').select(['body', 'status']).where('id', '=', mine.id).executeTakeFirstOrThrow();
    expect(stored).toEqual({ body: '', status: 'deleted' });
  });

  it('needs a choice about comments, and a session', async () => {
    const response = await ann.inject({ method: 'POST', url: '/api/account/delete', payload: { currentPassword: TEST_PASSWORD } });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.field).toBe('removeComments');
    expect((await app.inject({ method: 'GET', url: '/api/account/data' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/account/activity' })).statusCode).toBe(401);
  });
});
