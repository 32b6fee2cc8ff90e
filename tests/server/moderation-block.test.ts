import { beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../server/platform/fastify';
import { COMMENTS_URL, postOk } from '../helpers/comments';
import { createConsultation } from '../helpers/factories';
import { establishedCitizens, listedAs, publicLog, queueOf, report } from '../helpers/moderation';
import { buildTestApp } from '../helpers/test-app';
import { type Actor, createActor, sessionCookieFrom, TEST_PASSWORD } from '../helpers/users';

let app: App;
let spammer: Actor;
let moderator: Actor;

beforeEach(async () => {
  app = await buildTestApp({ authRateLimitPerMinute: 1000 });
  await createConsultation(app.db);
  spammer = await createActor(app);
  moderator = await createActor(app, 'moderator');
});

const block = (actor: Actor, id: number, payload: Record<string, unknown>) => actor.inject({ method: 'POST', url: `/api/moderation/users/${id}/block`, payload });
const unblock = (actor: Actor, id: number) => actor.inject({ method: 'POST', url: `/api/moderation/users/${id}/unblock` });

/** Signs `actor` in afresh (blocking ended their sessions) and posts a comment; returns the status. */
async function signInAndComment(actor: Actor): Promise<number> {
  const signIn = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: actor.username, password: TEST_PASSWORD } });
  const cookie = sessionCookieFrom(signIn);
  const { token } = (await app.inject({ url: '/api/auth/csrf', headers: { cookie } })).json();
  const payload = { kind: 'general', body: `Back again at ${Date.now()}` };
  return (await app.inject({ method: 'POST', url: COMMENTS_URL, headers: { cookie, 'x-csrf-token': token }, payload })).statusCode;
}

describe('blocking an account', () => {
  it('signs them out everywhere, refuses their writes and, with hideAll, hides every comment of theirs', async () => {
    const first = await postOk(spammer, { body: 'Cheap watches here' });
    const second = await postOk(spammer, { body: 'And cheap pills', parentId: first.id });
    const other = await postOk(await createActor(app), { body: 'An honest view' });

    const response = await block(moderator, spammer.id, { reason: 'advertising', hideAll: true });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ user: { id: spammer.id, blocked: true }, hidden: 2 });

    expect((await spammer.inject({ method: 'GET', url: '/api/me' })).json().user).toBeNull();
    expect(await signInAndComment(spammer)).toBe(403);

    for (const id of [first.id, second.id]) expect(await listedAs(app, id)).toMatchObject({ status: 'hidden', body: '', notice: 'Hidden by a moderator: advertising' });
    expect(await listedAs(app, other.id)).toMatchObject({ status: 'visible' });

    const entries = await publicLog(app);
    expect(entries.map((e) => [e.action, e.commentId, e.user?.username ?? null, e.reason])).toEqual([
      ['hide', second.id, null, 'advertising'],
      ['hide', first.id, null, 'advertising'],
      ['block', null, spammer.username, 'advertising'],
    ]);
  });

  it('leaves their comments alone without hideAll; with it, also settles comments that reports hid pending review', async () => {
    const kept = await postOk(spammer, { body: 'Borderline' });
    const reported = await postOk(spammer, { body: 'Reported by three people' });
    for (const reader of await establishedCitizens(app, 3)) await report(reader, reported.id);
    expect(await listedAs(app, reported.id)).toMatchObject({ status: 'hidden' });

    expect((await block(moderator, spammer.id, { reason: 'repeated abuse' })).json().hidden).toBe(0);
    expect(await listedAs(app, kept.id)).toMatchObject({ status: 'visible' });
    expect((await queueOf(moderator)).items).toHaveLength(1);

    expect((await block(moderator, spammer.id, { reason: 'repeated abuse', hideAll: true })).json().hidden).toBe(2);
    expect(await listedAs(app, kept.id)).toMatchObject({ status: 'hidden' });
    expect((await queueOf(moderator)).items).toEqual([]);
  });

  it('lets moderators block citizens only; admins block staff; nobody blocks themselves', async () => {
    const editor = await createActor(app, 'editor');
    const otherModerator = await createActor(app, 'moderator');
    const admin = await createActor(app, 'admin');
    expect((await block(moderator, editor.id, { reason: 'x' })).json().error.code).toBe('staff_account');
    expect((await block(moderator, otherModerator.id, { reason: 'x' })).statusCode).toBe(403);
    expect((await block(moderator, moderator.id, { reason: 'x' })).json().error.code).toBe('own_account');
    expect((await block(admin, otherModerator.id, { reason: 'Left the team' })).statusCode).toBe(200);
    expect((await block(moderator, 999_999, { reason: 'x' })).statusCode).toBe(404);
    expect((await block(moderator, spammer.id, { reason: ' ' })).json().error).toMatchObject({ field: 'reason', message: 'Enter the reason for blocking this account.' });
  });

  it('unblocks: they can take part again, hidden comments stay hidden, and the log says so', async () => {
    const hidden = await postOk(spammer, { body: 'Rude remark' });
    await block(moderator, spammer.id, { reason: 'abuse', hideAll: true });
    expect(await signInAndComment(spammer)).toBe(403);
    const response = await unblock(moderator, spammer.id);
    expect(response.json().user).toMatchObject({ blocked: false });
    expect(await signInAndComment(spammer)).toBe(201);
    expect(await listedAs(app, hidden.id)).toMatchObject({ status: 'hidden' });
    expect((await publicLog(app))[0]).toMatchObject({ action: 'unblock', user: { username: spammer.username }, actor: { username: moderator.username } });
  });
});
