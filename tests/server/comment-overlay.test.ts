import zlib from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommentList } from '../../server/contracts/comments';
import type { App } from '../../server/platform/fastify';
import { withMyMarks } from '../../client/features/comments/my-marks';
import { COMMENTS_URL, postOk } from '../helpers/comments';
import { createConsultation } from '../helpers/factories';
import { buildTestApp } from '../helpers/test-app';
import { type Actor, createActor } from '../helpers/users';

// Signed-in readers get the page everyone shares, plus only their own part beside it (`mine`).

let app: App;
let consultationId: number;
let alice: Actor;
let bob: Actor;

beforeEach(async () => {
  app = await buildTestApp({ premoderationAccountAgeHours: 24 });
  ({ consultationId } = await createConsultation(app.db));
  alice = await createActor(app);
  bob = await createActor(app);
});
afterEach(async () => {
  await app.close();
});

const read = async (actor?: Actor, headers: Record<string, string> = {}) =>
  actor ? await actor.inject({ method: 'GET', url: COMMENTS_URL, headers }) : await app.inject({ method: 'GET', url: COMMENTS_URL, headers });
const listOf = async (actor?: Actor): Promise<CommentList> => (await read(actor)).json();

describe('a signed-in reader’s own marks beside the shared page', () => {
  it('serves the signed-out page unchanged with each reader’s marks, and never one reader’s marks to another', async () => {
    const first = await postOk(bob, { body: 'Publish the budget monthly.' });
    const second = await postOk(alice, { body: 'Quarterly is enough.' });
    const reply = await postOk(alice, { body: 'A reply.', parentId: first.id });
    await alice.inject({ method: 'POST', url: `/api/comments/${first.id}/endorse` });
    await alice.inject({ method: 'PUT', url: `/api/follows/comments/${first.id}` });
    await bob.inject({ method: 'POST', url: `/api/comments/${second.id}/report`, payload: { reason: 'off-topic' } });
    // The notifications those writes set off append events too, which would move the pages' liveSeq between reads.
    await app.notifications.flush();

    const signedOut = await listOf();
    const [asAlice, asBob] = [await listOf(alice), await listOf(bob)];
    expect(asAlice.mine).toEqual({ endorsed: [first.id], reported: [], followed: [first.id] });
    expect(asBob.mine).toEqual({ endorsed: [], reported: [second.id], followed: [] });
    // Apart from `mine`, each is exactly the shared page, which carries nobody's marks.
    for (const { mine: _mine, ...page } of [asAlice, asBob]) expect(page).toEqual(signedOut);
    expect(JSON.stringify(signedOut)).not.toMatch(/ByMe|"mine"/);
    expect(await listOf()).toEqual(signedOut);

    const marked = withMyMarks(asAlice).comments;
    expect(marked.find((c) => c.id === first.id)).toMatchObject({ endorsedByMe: true, reportedByMe: false, followedByMe: true });
    expect(marked.find((c) => c.id === second.id)).toMatchObject({ endorsedByMe: false, reportedByMe: false, followedByMe: false });
    expect(marked.find((c) => c.id === reply.id)).not.toHaveProperty('followedByMe');
  });

  it('moves on when the reader changes their marks', async () => {
    const comment = await postOk(bob, { body: 'Open the data.' });
    expect((await listOf(alice)).mine?.endorsed).toEqual([]);
    await alice.inject({ method: 'POST', url: `/api/comments/${comment.id}/endorse` });
    expect((await listOf(alice)).mine?.endorsed).toEqual([comment.id]);
    await alice.inject({ method: 'DELETE', url: `/api/comments/${comment.id}/endorse` });
    expect((await listOf(alice)).mine?.endorsed).toEqual([]);
  });

  it('is the same JSON compressed with gzip as sent plain, and plain to a browser that takes only brotli', async () => {
    for (let i = 0; i < 12; i += 1) await postOk(bob, { body: `Comment number ${i} on the governance section, long enough to compress.` });
    const plain = await read(alice);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const gzipped = await read(alice, { 'accept-encoding': 'gzip, deflate, br' });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.rawPayload.length).toBeLessThan(plain.rawPayload.length);
    expect(zlib.gunzipSync(gzipped.rawPayload).toString()).toBe(plain.body);
    const brotliOnly = await read(alice, { 'accept-encoding': 'br' });
    expect(brotliOnly.headers['content-encoding']).toBeUndefined();
    expect(brotliOnly.body).toBe(plain.body);
  });
});

describe('what only some readers see is not on the shared page', () => {
  it('shows a pending comment to its author and moderators alone, whoever reads first', async () => {
    await app.db.updateTable('consultations').set({ premoderation: 1 }).where('id', '=', consultationId).execute();
    await postOk(alice, { body: 'Published before.' });
    const newcomer = await createActor(app);
    const pending = await postOk(newcomer, { body: 'Waiting for a moderator.' });
    expect(pending.status).toBe('pending');
    const moderator = await createActor(app, 'moderator');
    const ids = async (actor?: Actor) => (await listOf(actor)).comments.map((c) => c.id);

    // The author reads first, so a leak into the shared page would show to those after.
    expect(await ids(newcomer)).toContain(pending.id);
    expect(await ids()).not.toContain(pending.id);
    expect(await ids(bob)).not.toContain(pending.id);
    expect(await ids(moderator)).toContain(pending.id);
    expect(await ids(bob)).not.toContain(pending.id);
    expect(await ids()).not.toContain(pending.id);
    // The author's and the moderator's pages are read for them, with their marks on the comments.
    expect((await listOf(newcomer)).mine).toBeUndefined();
    expect((await listOf(moderator)).comments[0]).toHaveProperty('endorsedByMe', false);
  });
});
