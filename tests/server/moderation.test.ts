import { beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../server/platform/fastify';
import { COMMENTS_URL, post, postOk, SECTION_URL } from '../helpers/comments';
import { createConsultation } from '../helpers/factories';
import { act, bulk, hideOk, listedAs, publicLog, queueOf } from '../helpers/moderation';
import { buildTestApp } from '../helpers/test-app';
import { type Actor, createActor } from '../helpers/users';

let app: App;
let author: Actor;
let citizen: Actor;
let editor: Actor;
let moderator: Actor;

beforeEach(async () => {
  app = await buildTestApp();
  await createConsultation(app.db);
  author = await createActor(app);
  citizen = await createActor(app);
  editor = await createActor(app, 'editor');
  moderator = await createActor(app, 'moderator');
});

describe('who may moderate', () => {
  it('shows the queue to moderators and admins only', async () => {
    expect((await app.inject('/api/moderation/queue')).statusCode).toBe(401);
    for (const actor of [citizen, editor, await createActor(app, 'moderator', { blocked: true })]) {
      expect((await actor.inject({ method: 'GET', url: '/api/moderation/queue' })).statusCode).toBe(403);
    }
    expect((await moderator.inject({ method: 'GET', url: '/api/moderation/queue' })).statusCode).toBe(200);
    expect((await (await createActor(app, 'admin')).inject({ method: 'GET', url: '/api/moderation/queue' })).statusCode).toBe(200);
  });

  it('refuses a blocked moderator every action', async () => {
    const blocked = await createActor(app, 'moderator', { blocked: true });
    const { id } = await postOk(author, { body: 'Fine words' });
    expect((await act(blocked, id, 'hide', { reason: 'spam' })).statusCode).toBe(403);
    expect((await act(blocked, id, 'close', { note: 'Enough' })).statusCode).toBe(403);
    expect((await bulk(blocked, [id], 'hide', 'spam')).statusCode).toBe(403);
  });
});

describe('hiding and restoring', () => {
  it('leaves a tombstone with the public reason; only the author and moderators read the text', async () => {
    const { id } = await postOk(author, { kind: 'object', body: 'Buy cheap watches' });
    const hidden = await hideOk(moderator, id, 'spam');
    expect(hidden).toMatchObject({ status: 'hidden', body: 'Buy cheap watches', notice: 'Hidden by a moderator: spam' });
    expect(await listedAs(app, id)).toMatchObject({ body: '', html: '', author: null, notice: 'Hidden by a moderator: spam' });
    expect(await listedAs(app, id, citizen)).toMatchObject({ body: '' });
    expect(await listedAs(app, id, author)).toMatchObject({ body: 'Buy cheap watches', notice: 'Hidden by a moderator: spam' });
    const counts = (await app.inject('/api/consultations/test-consultation')).json().consultation.commentCounts;
    expect(counts.total).toBe(0);

    const restored = (await act(moderator, id, 'restore')).json().comment;
    expect(restored).toMatchObject({ status: 'visible', notice: null });
    expect(await listedAs(app, id)).toMatchObject({ body: 'Buy cheap watches', author: { username: author.username } });
  });

  it('needs a reason, and only acts where the comment’s state allows', async () => {
    const { id } = await postOk(author, { body: 'Some words' });
    const blank = await act(moderator, id, 'hide', { reason: '   ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().error).toMatchObject({ field: 'reason' });
    expect((await act(moderator, id, 'hide', {})).json().error).toMatchObject({ field: 'reason', message: 'Enter the reason, which everyone will see.' });
    expect((await act(moderator, id, 'restore')).json().error).toMatchObject({ code: 'not_hidden' });
    await author.inject({ method: 'DELETE', url: `/api/comments/${id}` });
    expect((await act(moderator, id, 'hide', { reason: 'spam' })).statusCode).toBe(409);
    expect((await act(moderator, 999_999, 'hide', { reason: 'spam' })).statusCode).toBe(404);
  });

  it('hides several at once, all or none', async () => {
    const a = await postOk(author, { body: 'First advert' });
    const b = await postOk(author, { body: 'Second advert' });
    const c = await postOk(citizen, { body: 'A fair point' });
    const refused = await bulk(moderator, [a.id, b.id, c.id], 'restore');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toBe(`Comment ${a.id}: This comment is not hidden.`);
    expect((await bulk(moderator, [a.id, b.id], 'hide')).json().error).toMatchObject({ field: 'reason' });

    const done = await bulk(moderator, [a.id, b.id], 'hide', 'advertising');
    expect(done.statusCode).toBe(200);
    expect(done.json().comments.map((x: { status: string }) => x.status)).toEqual(['hidden', 'hidden']);
    expect((await bulk(moderator, [a.id, b.id, c.id], 'hide', 'advertising')).statusCode).toBe(200);
    expect((await bulk(moderator, [c.id, 999_999], 'restore')).statusCode).toBe(404);
    expect(await listedAs(app, c.id)).toMatchObject({ status: 'hidden' });
  });
});

describe('closing threads and sections', () => {
  it('refuses replies in a closed thread with 409; editors and moderators answer officially', async () => {
    const root = await postOk(author, { kind: 'question', body: 'Will this be funded?' });
    const reply = await postOk(citizen, { body: 'I wondered too.', parentId: root.id });
    // Closing through a reply closes its whole thread.
    const closed = await act(moderator, reply.id, 'close', { note: 'Answered in the next version.' });
    expect(closed.statusCode).toBe(200);
    expect(closed.json().comment).toMatchObject({ id: root.id, closed: { note: 'Answered in the next version.' } });
    expect((await act(moderator, root.id, 'close', { note: 'Again' })).json().error.code).toBe('already_closed');

    const refused = await post(citizen, { body: 'One more thing', parentId: root.id });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'thread_closed' });
    expect(refused.json().error.message).toContain('Answered in the next version.');
    expect((await author.inject({ method: 'PATCH', url: `/api/comments/${root.id}`, payload: { body: 'Edited' } })).statusCode).toBe(409);

    const answer = await postOk(editor, { body: 'Yes: the budget is in section 4.', parentId: reply.id });
    expect(answer).toMatchObject({ official: true, parentId: reply.id });
    expect(await postOk(moderator, { body: 'Thank you all.', parentId: root.id })).toMatchObject({ official: true });

    expect((await act(moderator, root.id, 'reopen')).json().comment).toMatchObject({ closed: null });
    expect((await act(moderator, root.id, 'reopen')).json().error.code).toBe('not_closed');
    const later = await postOk(citizen, { body: 'Good to hear.', parentId: root.id });
    expect(later).not.toHaveProperty('official');
    expect(await postOk(editor, { body: 'Open again.', parentId: root.id })).not.toHaveProperty('official');
  });

  it('closes and reopens a whole section’s comments with a note', async () => {
    const root = await postOk(author, { body: 'Before closing' });
    const url = `${SECTION_URL}/close-comments`;
    const closed = await moderator.inject({ method: 'POST', url, payload: { note: 'Comments are now closed.' } });
    expect(closed.statusCode).toBe(200);
    expect(closed.json().section).toMatchObject({ slug: 'governance', commentsClosed: { note: 'Comments are now closed.' } });
    expect((await app.inject(SECTION_URL)).json().section).toMatchObject({ commentsClosed: true, acceptsComments: false, commentsClosedNote: 'Comments are now closed.' });
    expect((await moderator.inject({ method: 'POST', url, payload: { note: 'Again' } })).statusCode).toBe(409);
    expect((await moderator.inject({ method: 'POST', url, payload: { note: '' } })).json().error).toMatchObject({ field: 'note' });

    const refused = await post(citizen, { body: 'Too late?' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('comments_closed');
    expect((await post(citizen, { body: 'A reply', parentId: root.id })).statusCode).toBe(409);
    expect(await postOk(moderator, { body: 'Our response follows.', parentId: root.id })).toMatchObject({ official: true });

    const reopened = await moderator.inject({ method: 'POST', url: `${SECTION_URL}/reopen-comments` });
    expect(reopened.json().section.commentsClosed).toBeNull();
    expect((await app.inject(SECTION_URL)).json().section).toMatchObject({ commentsClosed: false, acceptsComments: true, commentsClosedNote: null });
    expect((await post(citizen, { body: 'Open again' })).statusCode).toBe(201);
  });

  it('does not let staff answer after the consultation itself has closed', async () => {
    const closedApp = await buildTestApp();
    try {
      const { consultationId } = await createConsultation(closedApp.db);
      const [writer, staff] = [await createActor(closedApp), await createActor(closedApp, 'moderator')];
      const root = await postOk(writer, { body: 'Written while open' });
      await act(staff, root.id, 'close', { note: 'Closed' });
      await closedApp.db.updateTable('consultations').set({ closes_at: new Date(Date.now() - 1000).toISOString() }).where('id', '=', consultationId).execute();
      expect((await post(staff, { body: 'Late answer', parentId: root.id })).json().error.code).toBe('closed');
    } finally {
      await closedApp.close();
    }
  });
});

describe('the public moderation log', () => {
  it('records every action — who, what, which comment, why, when — and never the hidden text', async () => {
    const { id } = await postOk(author, { body: 'Secret-ish insult 4417' });
    await hideOk(moderator, id, 'personal attack');
    await act(moderator, id, 'restore');
    await act(moderator, id, 'close', { note: 'Off topic now' });
    await act(moderator, id, 'reopen');
    await moderator.inject({ method: 'POST', url: `${SECTION_URL}/close-comments`, payload: { note: 'Done' } });
    await moderator.inject({ method: 'POST', url: `${SECTION_URL}/reopen-comments` });
    await hideOk(moderator, id, 'personal attack');

    const response = await app.inject('/api/moderation/log');
    expect(response.statusCode).toBe(200);
    expect(response.body).not.toContain('Secret-ish insult 4417');
    const entries = response.json().entries;
    expect(entries.map((e: { action: string }) => e.action)).toEqual(['hide', 'reopen-section', 'close-section', 'reopen-thread', 'close-thread', 'restore', 'hide']);
    const where = { consultation: 'test-consultation', section: 'governance', sectionTitle: 'Governance' };
    expect(entries[0]).toMatchObject({ actor: { username: moderator.username }, commentId: id, reason: 'personal attack', where });
    expect(entries[2]).toMatchObject({ commentId: null, reason: 'Done', where });
    expect(entries[4]).toMatchObject({ commentId: id, reason: 'Off topic now' });
    expect(Date.parse(entries[0].createdAt)).not.toBeNaN();
    expect((await citizen.inject({ method: 'GET', url: '/api/moderation/log' })).json().entries).toHaveLength(7);
  });

  it('has no way to change or remove an entry', async () => {
    await hideOk(moderator, (await postOk(author, { body: 'x y z' })).id, 'spam');
    const [entry] = await publicLog(app);
    for (const method of ['PUT', 'PATCH', 'DELETE', 'POST'] as const) {
      for (const url of ['/api/moderation/log', `/api/moderation/log/${entry!.id}`]) {
        expect(app.hasRoute({ method, url }), `${method} ${url}`).toBe(false);
        expect((await moderator.inject({ method, url, payload: {} })).statusCode).toBe(404);
      }
    }
    expect(await publicLog(app)).toEqual([entry]);
  });
});

describe('the queue', () => {
  it('lists pending and reported comments with their context', async () => {
    const root = await postOk(author, { kind: 'object', body: 'The root', anchor: undefined });
    const reply = await postOk(author, { body: 'A reply to report', parentId: root.id });
    await citizen.inject({ method: 'POST', url: `/api/comments/${reply.id}/report`, payload: { reason: 'abuse', note: 'Rude' } });
    const queue = await queueOf(moderator);
    expect(queue.items).toHaveLength(1);
    expect(queue.items[0]).toMatchObject({
      comment: { id: reply.id, body: 'A reply to report' },
      parent: { id: root.id, body: 'The root' },
      where: { consultation: 'test-consultation', section: 'governance' },
      reports: [{ reason: 'abuse', note: 'Rude', reporter: { username: citizen.username } }],
      author: { id: author.id, username: author.username, blocked: false, comments: 2, hidden: 0, reports: 1 },
    });
    expect((await app.inject(COMMENTS_URL)).statusCode).toBe(200);
  });
});
