import { beforeEach, describe, expect, it } from 'vitest';
import type { CommentView } from '../../server/contracts/comments';
import type { AnchorReviewItem } from '../../server/contracts/revisions';
import type { App } from '../../server/platform/fastify';
import { anchorOn, postOk, SECTION_URL, sectionBlocks } from '../helpers/comments';
import { createConsultation, SAMPLE_MARKDOWN } from '../helpers/factories';
import { buildTestApp } from '../helpers/test-app';
import { type Actor, createActor } from '../helpers/users';

let app: App;
let alice: Actor;
let editor: Actor;

beforeEach(async () => {
  app = await buildTestApp();
  await createConsultation(app.db);
  alice = await createActor(app, 'citizen', { username: 'alice' });
  editor = await createActor(app, 'editor', { username: 'edna' });
});

const QUOTE = 'assess the technology before legislation is drafted';
const REVIEW_URL = `${SECTION_URL}/anchor-review`;

async function publish(markdown: string): Promise<void> {
  const { number } = (await app.inject(SECTION_URL)).json().section.revision;
  const response = await editor.inject({ method: 'POST', url: `${SECTION_URL}/revisions`, payload: { baseRevision: number, markdown, summary: 'An edit' } });
  expect(response.statusCode, response.body).toBe(201);
}

const reviewList = async (): Promise<AnchorReviewItem[]> => (await editor.inject({ method: 'GET', url: REVIEW_URL })).json().comments;
const act = (id: number, action: string, payload?: object) => editor.inject({ method: 'POST', url: `/api/comments/${id}/anchor/${action}`, payload });

describe('reading a section’s anchors in bulk', () => {
  it('lists every visible comment’s anchor in the order of the text, with the quote as posted', async () => {
    const second = await postOk(alice, { kind: 'question', body: 'Who?', anchor: await anchorOn(app, 'every department board') });
    const first = await postOk(alice, { kind: 'object', body: 'Too late.', anchor: await anchorOn(app, QUOTE) });
    await postOk(alice, { kind: 'general', body: 'No passage.' });
    const response = await app.inject(`${SECTION_URL}/anchors`);
    expect(response.statusCode).toBe(200);
    expect(response.json().anchors).toEqual([
      { commentId: first.id, anchor: first.anchor },
      { commentId: second.id, anchor: second.anchor },
    ]);
  });
});

describe('checking unsure placements', () => {
  let comment: CommentView;
  beforeEach(async () => {
    comment = await postOk(alice, { kind: 'object', body: 'Too late in the process.', anchor: await anchorOn(app, QUOTE) });
    await postOk(alice, { kind: 'support', body: 'Yes.', anchor: await anchorOn(app, 'Break large contracts') });
    // One word of the quote changes while an exact copy appears elsewhere: the comment stays on
    // its passage's own words, but not sure enough, and the copy is offered as a look-alike.
    await publish(`${SAMPLE_MARKDOWN.replace('the technology before', 'the plans before')}\nWe will ${QUOTE}.\n`);
  });

  it('lists, for editors only, the comments placed with low confidence, with look-alikes to re-point to', async () => {
    const [item, ...rest] = await reviewList();
    expect(rest).toEqual([]);
    expect(item!.comment.id).toBe(comment.id);
    expect(item!.comment.anchor).toMatchObject({ exact: 'assess the plans before legislation is drafted', quote: QUOTE, state: 'moved', method: 'diff' });
    expect(item!.comment.anchor!.score).toBeLessThan(0.8);
    const blocks = await sectionBlocks(app);
    expect(item!.candidates[0]!.exact).toBe(QUOTE);
    for (const candidate of item!.candidates) {
      expect(blocks.find((b) => b.id === candidate.blockId)!.text.slice(candidate.start, candidate.end)).toBe(candidate.exact);
    }
    expect((await app.inject(REVIEW_URL)).statusCode).toBe(401);
    expect((await alice.inject({ method: 'GET', url: REVIEW_URL })).statusCode).toBe(403);
  });

  it('confirms a placement in one step: it leaves the list, and live viewers hear of it', async () => {
    const response = await act(comment.id, 'confirm');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().comment.anchor).toMatchObject({ state: 'moved', method: 'diff' });
    expect(await reviewList()).toEqual([]);
    const event = await app.db.selectFrom('events').select(['type', 'payload']).orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(event.type).toBe('comment.anchor_checked');
    expect(JSON.parse(event.payload).id).toBe(comment.id);
  });

  it('orphans a comment in one step, listed with its passage as written', async () => {
    expect((await act(comment.id, 'orphan')).json().comment.anchor.state).toBe('orphaned');
    expect(await reviewList()).toEqual([]);
    const orphans = (await app.inject(`${SECTION_URL}/orphaned-comments`)).json().comments;
    expect(orphans.map((o: { comment: CommentView; passage: { exact: string; revision: number } }) => [o.comment.id, o.passage.exact, o.passage.revision])).toEqual([[comment.id, QUOTE, 1]]);
    expect((await act(comment.id, 'orphan')).statusCode).toBe(409);
  });

  it('re-points a comment to a passage of the current text, and refuses one that is not there', async () => {
    const blocks = await sectionBlocks(app);
    const block = blocks.find((b) => b.text.includes('every department board'))!;
    const start = block.text.indexOf('every department board');
    const moved = await act(comment.id, 'repoint', { blockId: block.id, start, end: start + 'every department board'.length });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().comment.anchor).toMatchObject({ blockId: block.id, exact: 'every department board', quote: QUOTE, method: 'editor', score: 1 });
    expect(await reviewList()).toEqual([]);
    const missing = await act(comment.id, 'repoint', { blockId: 'p-00000000', start: 0, end: 4 });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.field).toBe('blockId');
    const outside = await act(comment.id, 'repoint', { blockId: block.id, start: 0, end: block.text.length + 1 });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.field).toBe('end');
    expect((await alice.inject({ method: 'POST', url: `/api/comments/${comment.id}/anchor/confirm` })).statusCode).toBe(403);
  });
});
