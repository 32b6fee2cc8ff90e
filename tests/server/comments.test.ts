import { beforeEach, describe, expect, it } from 'vitest';
import type { CommentView } from '../../server/contracts/comments';
import type { App } from '../../server/platform/fastify';
import { anchorOn, COMMENTS_URL, post, postOk, SECTION_URL } from '../helpers/comments';
import { createConsultation } from '../helpers/factories';
import { buildTestApp } from '../helpers/test-app';
import { type Actor, createActor } from '../helpers/users';
import { withMyMarks } from '../../client/features/comments/my-marks';

let app: App;
let alice: Actor;
let bob: Actor;

beforeEach(async () => {
  app = await buildTestApp();
  await createConsultation(app.db);
  alice = await createActor(app, 'citizen', { username: 'alice' });
  bob = await createActor(app, 'citizen', { username: 'bob' });
});

const list = async (query = '', actor?: Actor): Promise<{ comments: CommentView[]; nextPage: number | null; counts: { byKind: Record<string, number>; byBlock: Record<string, number> } }> =>
  // As the client reads it: a signed-in reader's own marks set on the shared page.
  withMyMarks((actor ? await actor.inject({ method: 'GET', url: `${COMMENTS_URL}${query}` }) : await app.inject(`${COMMENTS_URL}${query}`)).json());

describe('creating and listing comments', () => {
  it('answers 201 with the documented shape and lists the comment for everyone', async () => {
    const response = await post(alice, { kind: 'support', body: 'I **agree** with this.' });
    expect(response.statusCode).toBe(201);
    const { comment } = response.json();
    expect(comment).toEqual({
      id: expect.any(Number),
      kind: 'support',
      body: 'I **agree** with this.',
      html: '<p>I <strong>agree</strong> with this.</p>',
      parentId: null,
      author: { username: 'alice', displayName: expect.any(String) },
      anchor: null,
      revision: 1,
      status: 'visible',
      endorsements: 0,
      endorsedByMe: false,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      edited: false,
      editedAt: null,
      notice: null,
      closed: null,
    });
    const { comments } = await list();
    const { endorsedByMe: _mine, ...publicView } = comment;
    expect(comments).toEqual([publicView]);
  });

  it('stores an anchor that round-trips exactly, with context derived from the block', async () => {
    const anchor = await anchorOn(app, 'assess the technology');
    const block = (await app.inject(SECTION_URL)).json().section.revision.blocks.find((b: { id: string }) => b.id === anchor.blockId);
    const sent = { ...anchor, prefix: block.text.slice(anchor.start - 5, anchor.start), suffix: block.text.slice(anchor.end, anchor.end + 7) };
    const comment = await postOk(alice, { kind: 'object', body: 'Too late.', anchor: sent });
    const expected = {
      ...anchor,
      quote: anchor.exact,
      prefix: block.text.slice(Math.max(0, anchor.start - 32), anchor.start),
      suffix: block.text.slice(anchor.end, anchor.end + 32),
      state: 'anchored',
      // Not re-anchored yet: no placement to judge.
      method: null,
      score: null,
    };
    expect(comment.anchor).toEqual(expected);
    expect(block.text.slice(comment.anchor!.start, comment.anchor!.end)).toBe(comment.anchor!.exact);
    expect((await list()).comments[0]!.anchor).toEqual(expected);
    expect((await app.inject(`/api/comments/${comment.id}`)).json().comment.anchor).toEqual(expected);
  });

  it.each([
    ['a block that is not in the revision', { blockId: 'p-00000000' }, 'anchor.blockId'],
    ['a quote that differs from the text', { exact: 'assess the technologY' }, 'anchor.exact'],
    ['offsets that point elsewhere', { start: 1 }, 'anchor.exact'],
    ['an end beyond the block', { end: 100_000 }, 'anchor.exact'],
    ['a prefix that is not the text before', { prefix: 'nothing like it' }, 'anchor.prefix'],
    ['a suffix that is not the text after', { suffix: 'nothing like it' }, 'anchor.suffix'],
  ])('refuses an anchor with %s (400 naming the field)', async (_what, change, field) => {
    const anchor = { ...(await anchorOn(app, 'assess the technology')), ...change };
    const response = await post(alice, { anchor });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.field).toBe(field);
  });

  it('validates kind and body: empty, blank, too long and unknown kinds are 400 with the field', async () => {
    for (const [payload, field] of [
      [{ body: '' }, 'body'],
      [{ body: ' \n\t ' }, 'body'],
      [{ body: 'x'.repeat(10_001) }, 'body'],
      [{ kind: 'rant' }, 'kind'],
      [{ body: 'a\ud800b' }, 'body'],
    ] as const) {
      const response = await post(alice, payload);
      expect(response.statusCode, JSON.stringify(payload).slice(0, 40)).toBe(400);
      expect(response.json().error.field).toBe(field);
    }
    expect((await post(alice, { body: 'y'.repeat(10_000) })).statusCode).toBe(201);
  });

  it('needs a signed-in, unblocked account', async () => {
    const anonymous = await app.inject({ method: 'POST', url: COMMENTS_URL, payload: { kind: 'general', body: 'Hello' } });
    expect(anonymous.statusCode).toBe(401);
    const blocked = await createActor(app, 'citizen', { blocked: true });
    const response = await post(blocked, { body: 'Hello' });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('blocked');
  });

  it('answers 404 for an unknown section and comment', async () => {
    expect((await post(alice, {}, '/api/consultations/test-consultation/sections/nope/comments')).statusCode).toBe(404);
    expect((await app.inject('/api/comments/999')).statusCode).toBe(404);
  });
});

describe('threads', () => {
  it('keeps replies in the section and attaches replies deeper than 3 levels to the deepest level', async () => {
    const root = await postOk(alice, { kind: 'question', body: 'Who decides?' });
    const level2 = await postOk(bob, { body: 'The board.', parentId: root.id });
    const level3 = await postOk(alice, { body: 'Which board?', parentId: level2.id });
    const level4 = await postOk(bob, { body: 'The departmental one.', parentId: level3.id });
    expect([level2.parentId, level3.parentId, level4.parentId]).toEqual([root.id, level2.id, level2.id]);
    expect((await list()).comments.map((c) => c.id)).toEqual([root.id, level2.id, level3.id, level4.id]);
    const thread = (await app.inject(`/api/comments/${level4.id}`)).json();
    expect(thread.comment.id).toBe(level4.id);
    expect(thread.thread.map((c: CommentView) => c.id)).toEqual([root.id, level2.id, level3.id, level4.id]);
  });

  it('refuses a parent from another section and an anchor on a reply', async () => {
    await createConsultation(app.db, { slug: 'other', sections: [{ slug: 'governance', markdown: 'Other text.' }] });
    const elsewhere = await postOk(alice, { body: 'Elsewhere' }, '/api/consultations/other/sections/governance/comments');
    const response = await post(bob, { body: 'Reply', parentId: elsewhere.id });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.field).toBe('parentId');
    const root = await postOk(alice, { body: 'Root' });
    const anchored = await post(bob, { body: 'Reply', parentId: root.id, anchor: await anchorOn(app, 'assess the technology') });
    expect(anchored.json().error.field).toBe('anchor');
  });
});

describe('editing and deleting your own comment', () => {
  it('keeps every version, marks the comment edited, and lets only the author edit', async () => {
    const comment = await postOk(alice, { body: 'First thoughts' });
    const edit = await alice.inject({ method: 'PATCH', url: `/api/comments/${comment.id}`, payload: { body: 'Second *thoughts*' } });
    expect(edit.statusCode).toBe(200);
    expect(edit.json().comment).toMatchObject({ body: 'Second *thoughts*', html: '<p>Second <em>thoughts</em></p>', edited: true, editedAt: expect.any(String) });
    const versions = (await app.inject(`/api/comments/${comment.id}/versions`)).json().versions;
    expect(versions.map((v: { version: number; body: string }) => [v.version, v.body])).toEqual([
      [2, 'Second *thoughts*'],
      [1, 'First thoughts'],
    ]);
    expect((await bob.inject({ method: 'PATCH', url: `/api/comments/${comment.id}`, payload: { body: 'Mine now' } })).statusCode).toBe(403);
    expect((await app.inject({ method: 'PATCH', url: `/api/comments/${comment.id}`, payload: { body: 'x' } })).statusCode).toBe(401);
    expect((await alice.inject({ method: 'PATCH', url: `/api/comments/${comment.id}`, payload: { body: '  ' } })).statusCode).toBe(400);
  });

  it('turns a deleted comment into a tombstone that keeps its replies', async () => {
    const root = await postOk(alice, { body: 'I will regret this' });
    const reply = await postOk(bob, { body: 'You might', parentId: root.id });
    expect((await bob.inject({ method: 'DELETE', url: `/api/comments/${root.id}` })).statusCode).toBe(403);
    const deleted = await alice.inject({ method: 'DELETE', url: `/api/comments/${root.id}` });
    expect(deleted.statusCode).toBe(200);
    const tombstone = { id: root.id, status: 'deleted', body: '', html: '', author: null, notice: 'Comment deleted by its author' };
    expect(deleted.json().comment).toMatchObject(tombstone);
    const { comments } = await list();
    expect(comments.map((c) => c.id)).toEqual([root.id, reply.id]);
    expect(comments[0]).toMatchObject(tombstone);
    expect(comments[1]).toMatchObject({ body: 'You might', parentId: root.id });
    expect((await app.inject(`/api/comments/${root.id}/versions`)).statusCode).toBe(403);
    expect((await alice.inject({ method: 'PATCH', url: `/api/comments/${root.id}`, payload: { body: 'Back' } })).statusCode).toBe(409);
    expect((await alice.inject({ method: 'DELETE', url: `/api/comments/${root.id}` })).statusCode).toBe(409);
    expect((await post(alice, { body: 'More', parentId: root.id })).statusCode).toBe(409);
  });
});

describe('endorsements', () => {
  it('counts one per person, can be withdrawn, and is not for your own comment', async () => {
    const comment = await postOk(alice, { body: 'Publish the spending data' });
    const carol = await createActor(app);
    const endorse = (actor: Actor, method: 'POST' | 'DELETE' = 'POST') => actor.inject({ method, url: `/api/comments/${comment.id}/endorse` });
    expect((await endorse(bob)).json().comment).toMatchObject({ endorsements: 1, endorsedByMe: true });
    expect((await endorse(bob)).json().comment).toMatchObject({ endorsements: 1, endorsedByMe: true });
    expect((await endorse(carol)).json().comment.endorsements).toBe(2);
    expect((await endorse(bob, 'DELETE')).json().comment).toMatchObject({ endorsements: 1, endorsedByMe: false });
    expect((await endorse(bob, 'DELETE')).json().comment.endorsements).toBe(1);
    expect((await endorse(alice)).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: `/api/comments/${comment.id}/endorse` })).statusCode).toBe(401);
    expect((await list('', carol)).comments[0]).toMatchObject({ endorsements: 1, endorsedByMe: true });
    expect((await list('', bob)).comments[0]!.endorsedByMe).toBe(false);
    expect((await list()).comments[0]!.endorsedByMe).toBeUndefined();
  });
});

describe('duplicates', () => {
  it('refuses the same text (ignoring case, punctuation and spacing) with the existing comment id', async () => {
    const first = await postOk(alice, { body: 'Stop long outsourcing contracts!' });
    const response = await post(bob, { kind: 'support', body: '  **stop** long, outsourcing\ncontracts.  ' });
    expect(response.statusCode).toBe(409);
    expect(response.json().error).toMatchObject({ code: 'duplicate', details: { existingCommentId: first.id } });
    // Replies are compared within their own thread, so the same words can answer a comment.
    expect((await post(bob, { body: 'Stop long outsourcing contracts', parentId: first.id })).statusCode).toBe(201);
    // Once the first is deleted, the text can be posted again.
    await alice.inject({ method: 'DELETE', url: `/api/comments/${first.id}` });
    expect((await post(bob, { body: 'Stop long outsourcing contracts' })).statusCode).toBe(201);
  });

  it('refuses an edit that would duplicate another comment', async () => {
    await postOk(alice, { body: 'Open standards please' });
    const other = await postOk(bob, { body: 'Something else' });
    const response = await bob.inject({ method: 'PATCH', url: `/api/comments/${other.id}`, payload: { body: 'Open standards, please!' } });
    expect(response.statusCode).toBe(409);
  });
});

describe('listing: filters, sorting, paging and counts', () => {
  it('filters by kind and block, sorts by endorsements and by position, and counts per block', async () => {
    const late = await anchorOn(app, 'Break large contracts');
    const early = await anchorOn(app, 'assess the technology');
    const a = await postOk(alice, { kind: 'object', body: 'About contracts', anchor: late });
    const b = await postOk(alice, { kind: 'support', body: 'About scrutiny', anchor: early });
    const c = await postOk(alice, { kind: 'support', body: 'About everything' });
    await bob.inject({ method: 'POST', url: `/api/comments/${a.id}/endorse` });

    expect((await list()).comments.map((x) => x.id)).toEqual([c.id, b.id, a.id]);
    expect((await list('?sort=endorsed')).comments[0]!.id).toBe(a.id);
    expect((await list('?sort=position')).comments.map((x) => x.id)).toEqual([c.id, b.id, a.id]);
    expect((await list('?kind=support')).comments.map((x) => x.id)).toEqual([c.id, b.id]);
    expect((await list(`?block=${early.blockId}`)).comments.map((x) => x.id)).toEqual([b.id]);
    const { counts } = await list('?kind=object');
    expect(counts.byBlock).toEqual({ [early.blockId]: 1, [late.blockId]: 1 });
    expect(counts.byKind).toMatchObject({ support: 2, object: 1, total: 3 });
    expect((await app.inject(`${COMMENTS_URL}?sort=random`)).statusCode).toBe(400);
  });

  it('pages threads 50 at a time', async () => {
    for (let i = 0; i < 51; i++) await postOk(alice, { body: `Comment number ${i}` });
    const first = await list();
    expect(first.comments).toHaveLength(50);
    expect(first.nextPage).toBe(2);
    const second = await list('?page=2');
    expect(second.comments.map((c) => c.body)).toEqual(['Comment number 0']);
    expect(second.nextPage).toBeNull();
  });

  it('adds counts by kind to the consultation, overall and per section (top-level comments only)', async () => {
    const root = await postOk(alice, { kind: 'object', body: 'No' });
    await postOk(bob, { kind: 'support', body: 'Yes' });
    await postOk(bob, { kind: 'evidence', body: 'See the report', parentId: root.id });
    const { consultation } = (await app.inject('/api/consultations/test-consultation')).json();
    expect(consultation.commentCounts).toEqual({ support: 1, object: 1, question: 0, suggestion: 0, evidence: 0, general: 0, total: 2 });
    expect(consultation.sections[0].commentCounts).toEqual(consultation.commentCounts);
  });
});

describe('events', () => {
  it('appends comment events with the full record on the section channel, and count changes on the consultation channel', async () => {
    const comment = await postOk(alice, { kind: 'question', body: 'Why?' });
    await bob.inject({ method: 'POST', url: `/api/comments/${comment.id}/endorse` });
    await alice.inject({ method: 'PATCH', url: `/api/comments/${comment.id}`, payload: { body: 'Why so?' } });
    await alice.inject({ method: 'DELETE', url: `/api/comments/${comment.id}` });
    const events = await app.db.selectFrom('events').selectAll().where('type', 'like', 'comment.%').orderBy('seq').execute();
    expect(events.map((e) => [e.channel, e.type])).toEqual([
      ['section:test-consultation/governance', 'comment.created'],
      ['consultation:test-consultation', 'comment.counts_changed'],
      ['section:test-consultation/governance', 'comment.endorsed'],
      ['section:test-consultation/governance', 'comment.updated'],
      ['section:test-consultation/governance', 'comment.deleted'],
      ['consultation:test-consultation', 'comment.counts_changed'],
    ]);
    expect(JSON.parse(events[0]!.payload)).toMatchObject({ id: comment.id, body: 'Why?', authorId: alice.id, hiddenReason: null, status: 'visible' });
    expect(JSON.parse(events[1]!.payload)).toMatchObject({ section: 'governance', comment: { id: comment.id } });
    expect(JSON.parse(events[2]!.payload)).toMatchObject({ endorsements: 1 });
    expect(JSON.parse(events[2]!.payload)).not.toHaveProperty('endorsedByMe');
    expect(JSON.parse(events[4]!.payload)).toMatchObject({ status: 'deleted' });
  });
});
