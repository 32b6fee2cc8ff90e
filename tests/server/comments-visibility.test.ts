import { beforeEach, describe, expect, it } from 'vitest';
import type { CommentStatus } from '../../server/contracts/comments';
import type { CurrentUser } from '../../server/features/auth/current-user';
import { commentAudience, isListedFor, isReadableBy, listedFor, presentCommentFor, readableBy } from '../../server/features/comments/comments.policy';
import type { App } from '../../server/platform/fastify';
import { COMMENTS_URL, postOk } from '../helpers/comments';
import { createConsultation } from '../helpers/factories';
import { buildTestApp } from '../helpers/test-app';
import { type Actor, createActor } from '../helpers/users';

let app: App;
let author: Actor;
let other: Actor;
let moderator: Actor;

beforeEach(async () => {
  app = await buildTestApp();
  await createConsultation(app.db);
  author = await createActor(app);
  other = await createActor(app);
  moderator = await createActor(app, 'moderator');
});

const STATUSES: CommentStatus[] = ['visible', 'pending', 'hidden', 'deleted'];
const asUser = (actor: Actor): CurrentUser => ({ id: actor.id, username: actor.username, displayName: actor.username, role: actor.role, blocked: false });
const setStatus = (id: number, status: CommentStatus) =>
  app.db.updateTable('comments').set({ status, hidden_reason: status === 'hidden' ? 'Personal attack' : null }).where('id', '=', id).execute();

describe('the one visibility rule', () => {
  it('says the same in SQL as in JavaScript, for every status and every kind of viewer', async () => {
    const ids: Record<string, number> = {};
    for (const status of STATUSES) {
      ids[status] = (await postOk(author, { body: `A ${status} comment` })).id;
      await setStatus(ids[status]!, status);
    }
    const viewers = { anonymous: null, author: asUser(author), other: asUser(other), moderator: asUser(moderator) };
    for (const [name, viewer] of Object.entries(viewers)) {
      for (const [filter, predicate] of [
        [listedFor, isListedFor],
        [readableBy, isReadableBy],
      ] as const) {
        const rows = await app.db.selectFrom('comments').select(['id', 'status', 'author_id']).where(filter(viewer)).execute();
        const sqlSays = new Set(rows.map((r) => r.status));
        const jsSays = new Set(STATUSES.filter((status) => predicate(viewer, { status, authorId: author.id })));
        expect(sqlSays, `${name} ${predicate.name}`).toEqual(jsSays);
      }
    }
  });

  it('gives the whole comment, a tombstone or nothing', async () => {
    const comment = await postOk(author, { body: 'Text' });
    const record = { ...comment, authorId: author.id, hiddenReason: 'Spam' };
    const hidden = { ...record, status: 'hidden' as const };
    expect(presentCommentFor(null, hidden)).toMatchObject({ body: '', html: '', author: null, notice: 'Hidden by a moderator: Spam' });
    expect(presentCommentFor(asUser(author), hidden)).toMatchObject({ body: 'Text', notice: 'Hidden by a moderator: Spam' });
    expect(presentCommentFor(asUser(moderator), hidden)).toMatchObject({ body: 'Text' });
    expect(presentCommentFor(asUser(other), { ...record, status: 'pending' })).toBeNull();
    expect(presentCommentFor(asUser(author), { ...record, status: 'pending' })).toMatchObject({ body: 'Text', status: 'pending' });
    expect(presentCommentFor(null, { ...record, status: 'deleted' })).toMatchObject({ body: '', notice: 'Comment deleted by its author' });
    expect(presentCommentFor(null, { ...record, status: 'visible' })).not.toHaveProperty('authorId');
  });

  it('groups viewers into audiences that are shown the same thing', async () => {
    const comment = await postOk(author, { body: 'Text' });
    const viewers = [null, asUser(author), asUser(other), asUser(moderator), asUser(await createActor(app))];
    for (const status of STATUSES) {
      const record = { ...comment, status, authorId: author.id, hiddenReason: 'Spam' };
      for (const a of viewers) {
        for (const b of viewers) {
          if (commentAudience(a, record) === commentAudience(b, record)) expect(presentCommentFor(a, record)).toEqual(presentCommentFor(b, record));
        }
      }
    }
    expect(new Set(viewers.map((v) => commentAudience(v, { status: 'visible', authorId: author.id })))).toEqual(new Set(['everyone', `author:${author.id}`, 'moderators']));
  });
});

describe('lists, permalinks, counts and feeds follow it', () => {
  it('keeps pending comments from everyone but their author and moderators', async () => {
    const pending = await postOk(author, { kind: 'object', body: 'Awaiting review' });
    await setStatus(pending.id, 'pending');
    const ids = async (actor?: Actor) => (actor ? await actor.inject({ method: 'GET', url: COMMENTS_URL }) : await app.inject(COMMENTS_URL)).json().comments.map((c: { id: number }) => c.id);
    expect(await ids()).toEqual([]);
    expect(await ids(other)).toEqual([]);
    expect(await ids(author)).toEqual([pending.id]);
    expect(await ids(moderator)).toEqual([pending.id]);
    expect((await app.inject(`/api/comments/${pending.id}`)).statusCode).toBe(404);
    expect((await other.inject({ method: 'POST', url: COMMENTS_URL, payload: { kind: 'general', body: 'Reply', parentId: pending.id } })).statusCode).toBe(400);
    const counts = async (actor?: Actor) =>
      (actor ? await actor.inject({ method: 'GET', url: '/api/consultations/test-consultation' }) : await app.inject('/api/consultations/test-consultation')).json().consultation.commentCounts.total;
    expect([await counts(), await counts(other), await counts(author), await counts(moderator)]).toEqual([0, 0, 1, 1]);
  });

  it('shows hidden comments as a tombstone with the reason; only the author and moderators read the text', async () => {
    const hidden = await postOk(author, { body: 'Rude words' });
    await setStatus(hidden.id, 'hidden');
    const seenBy = async (actor?: Actor) => (actor ? await actor.inject({ method: 'GET', url: `/api/comments/${hidden.id}` }) : await app.inject(`/api/comments/${hidden.id}`)).json().comment;
    expect(await seenBy()).toMatchObject({ body: '', author: null, notice: 'Hidden by a moderator: Personal attack' });
    expect(await seenBy(other)).toMatchObject({ body: '' });
    expect(await seenBy(author)).toMatchObject({ body: 'Rude words', notice: 'Hidden by a moderator: Personal attack' });
    expect(await seenBy(moderator)).toMatchObject({ body: 'Rude words' });
    expect((await app.inject(`/api/comments/${hidden.id}/versions`)).statusCode).toBe(403);
    expect((await author.inject({ method: 'GET', url: `/api/comments/${hidden.id}/versions` })).statusCode).toBe(200);
    expect((await other.inject({ method: 'POST', url: `/api/comments/${hidden.id}/endorse` })).statusCode).toBe(409);
    const feed = (await app.inject('/feeds/consultations/test-consultation/comments.atom')).body;
    expect(feed).not.toContain('Rude words');
  });
});
