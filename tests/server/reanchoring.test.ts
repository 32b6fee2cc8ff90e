import { beforeEach, describe, expect, it } from 'vitest';
import { backfillPostedQuotes } from '../../migrations/0008_comment_quote';
import type { CommentView } from '../../server/contracts/comments';
import type { OrphanedComment } from '../../server/contracts/revisions';
import type { App } from '../../server/platform/fastify';
import { anchorOn, COMMENTS_URL, postOk, SECTION_URL } from '../helpers/comments';
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
const ITEM = `1. **Scrutinise early**: ${QUOTE}.`;

/** Publishes `markdown` as the editor's direct edit on the current revision. */
async function publish(markdown: string, summary = 'An edit'): Promise<number> {
  const { number } = (await app.inject(SECTION_URL)).json().section.revision;
  const response = await editor.inject({ method: 'POST', url: `${SECTION_URL}/revisions`, payload: { baseRevision: number, markdown, summary } });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().revision.number;
}

const listed = async (actor?: Actor): Promise<CommentView[]> =>
  (actor ? await actor.inject({ method: 'GET', url: COMMENTS_URL }) : await app.inject(COMMENTS_URL)).json().comments;
const orphaned = async (): Promise<OrphanedComment[]> => (await app.inject(`${SECTION_URL}/orphaned-comments`)).json().comments;
const blocks = async () => (await app.inject(SECTION_URL)).json().section.revision.blocks as { id: string; text: string }[];

describe('comments follow their passage when a revision is published', () => {
  let comment: CommentView;
  beforeEach(async () => {
    comment = await postOk(alice, { kind: 'object', body: 'Too late in the process.', anchor: await anchorOn(app, QUOTE) });
  });

  it('stays anchored on the same text when a paragraph is inserted above', async () => {
    await publish(SAMPLE_MARKDOWN.replace('## Key principles', 'A new opening paragraph about why this matters.\n\n## Key principles'));
    const [after] = await listed();
    expect(after!.anchor).toEqual(comment.anchor);
    expect(after!.anchor!.state).toBe('anchored');
    expect(after!.revision).toBe(1);
    const current = await blocks();
    const index = current.findIndex((b) => b.id === after!.anchor!.blockId);
    expect(current[index]!.text.slice(after!.anchor!.start, after!.anchor!.end)).toBe(QUOTE);
    // Its place in reading order moved down one block, for sorting by position.
    const row = await app.db.selectFrom('comments').select('block_index').where('id', '=', comment.id).executeTakeFirstOrThrow();
    expect(row.block_index).toBe(index);
    const event = await app.db.selectFrom('events').select('payload').where('type', '=', 'revision.published').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(JSON.parse(event.payload).comments).toEqual({ moved: 0, orphaned: 0 });
  });

  it('moves with a lightly reworded passage, keeping the revision it was written on', async () => {
    const reworded = 'assess the technology before any legislation is drafted';
    await publish(SAMPLE_MARKDOWN.replace(QUOTE, reworded));
    const [after] = await listed();
    const block = (await blocks()).find((b) => b.text.includes(reworded))!;
    expect(after!.anchor).toEqual({
      blockId: block.id,
      exact: reworded,
      // The author's words stay as posted, so the page can say the text has changed since.
      quote: QUOTE,
      prefix: 'Scrutinise early: ',
      suffix: '.',
      start: 18,
      end: 18 + reworded.length,
      state: 'moved',
      // An insertion inside the passage: every character of it is still there.
      method: 'diff',
      score: 1,
    });
    expect(after!.revision).toBe(1);
    expect(await orphaned()).toEqual([]);
  });

  it('recovers the quote as posted for comments written before it was stored', async () => {
    await publish(SAMPLE_MARKDOWN.replace(QUOTE, 'assess the technology before any legislation is drafted'));
    await publish(SAMPLE_MARKDOWN.replace(QUOTE, 'weigh up the technology before any law is drafted'));
    await app.db.updateTable('comments').set({ quote_posted: null }).execute();
    await backfillPostedQuotes(app.db);
    const [after] = await listed();
    expect(after!.anchor!.quote).toBe(QUOTE);
    expect(after!.anchor!.exact).not.toBe(QUOTE);
  });

  it('is orphaned when its passage is deleted, listed apart with a link to the passage as written', async () => {
    const written = comment.anchor!;
    // First reworded (the comment moves), then deleted: the link still shows the original words.
    await publish(SAMPLE_MARKDOWN.replace(QUOTE, 'assess the technology before any legislation is drafted'));
    await publish(SAMPLE_MARKDOWN.replace(`${ITEM}\n`, ''), 'Drop the first principle');
    const [after] = await listed();
    expect(after!.anchor!.state).toBe('orphaned');
    expect(after!.revision).toBe(1);
    expect(await orphaned()).toEqual([
      { comment: after, passage: { revision: 1, blockId: written.blockId, exact: QUOTE, start: written.start, end: written.end } },
    ]);
    // The revision it links to still has the passage where the link says.
    const original = (await app.inject(`${SECTION_URL}/revisions/1`)).json().revision.blocks.find((b: { id: string }) => b.id === written.blockId);
    expect(original.text.slice(written.start, written.end)).toBe(QUOTE);
  });

  it('comes back, anchored, when a revert restores its passage', async () => {
    await publish(SAMPLE_MARKDOWN.replace(`${ITEM}\n`, ''));
    expect((await listed())[0]!.anchor!.state).toBe('orphaned');
    expect((await editor.inject({ method: 'POST', url: `${SECTION_URL}/revisions/1/revert`, payload: {} })).statusCode).toBe(201);
    // Found again by its quote as posted, in the text the revert added.
    expect((await listed())[0]!.anchor).toEqual({ ...comment.anchor, method: 'fuzzy', score: 1 });
    expect(await orphaned()).toEqual([]);
  });

  it('tells live viewers how many comments moved or lost their passage', async () => {
    await publish(SAMPLE_MARKDOWN.replace(QUOTE, 'assess the technology before any legislation is drafted'));
    await publish(SAMPLE_MARKDOWN.replace(`${ITEM}\n`, ''));
    await publish(`${SAMPLE_MARKDOWN.replace(`${ITEM}\n`, '')}\nA closing line.\n`);
    const events = await app.db.selectFrom('events').select('payload').where('type', '=', 'revision.published').orderBy('seq').execute();
    expect(events.slice(-3).map((e) => JSON.parse(e.payload).comments)).toEqual([
      { moved: 1, orphaned: 0 },
      { moved: 0, orphaned: 1 },
      { moved: 0, orphaned: 0 },
    ]);
  });

  it('shows a deleted comment’s orphaned tombstone without its passage', async () => {
    expect((await alice.inject({ method: 'DELETE', url: `/api/comments/${comment.id}` })).statusCode).toBe(200);
    await publish(SAMPLE_MARKDOWN.replace(`${ITEM}\n`, ''));
    const [entry] = await orphaned();
    expect(entry!.comment).toMatchObject({ id: comment.id, status: 'deleted', body: '', author: null });
    expect(entry!.passage.exact).toBe('');
  });
});

describe('"addressed in revision N"', () => {
  let comment: CommentView;
  beforeEach(async () => {
    comment = await postOk(alice, { kind: 'suggestion', body: 'Say who does the assessment.', anchor: await anchorOn(app, QUOTE) });
  });
  const mark = (actor: Actor | null, revision: number, id = comment.id) =>
    (actor ?? app).inject({ method: 'POST', url: `/api/comments/${id}/addressed`, payload: { revision } });

  it('lets an editor mark a comment as addressed by a later revision, shown on the comment', async () => {
    await publish(SAMPLE_MARKDOWN.replace(QUOTE, 'have the department’s digital lead assess the technology before legislation is drafted'));
    const response = await mark(editor, 2);
    expect(response.statusCode).toBe(200);
    const addressed = { revision: 2, by: { username: 'edna', displayName: expect.any(String) }, at: expect.any(String) };
    expect(response.json().comment.addressed).toEqual(addressed);
    expect((await listed())[0]!.addressed).toEqual(addressed);
    const event = await app.db.selectFrom('events').select(['type', 'channel']).orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(event).toEqual({ type: 'comment.addressed', channel: 'section:test-consultation/governance' });
  });

  it('is for editors only', async () => {
    await publish(`${SAMPLE_MARKDOWN}\nMore.\n`);
    expect((await mark(null, 2)).statusCode).toBe(401);
    expect((await mark(alice, 2)).statusCode).toBe(403);
    expect((await mark(await createActor(app, 'moderator'), 2)).statusCode).toBe(403);
    expect((await mark(await createActor(app, 'editor', { blocked: true }), 2)).statusCode).toBe(403);
    expect((await listed())[0]!.addressed).toBeUndefined();
  });

  it('needs a revision of the section published after the comment was written', async () => {
    await publish(`${SAMPLE_MARKDOWN}\nMore.\n`);
    for (const revision of [1, 3]) {
      const response = await mark(editor, revision);
      expect(response.statusCode).toBe(400);
      expect(response.json().error.field).toBe('revision');
    }
    expect((await mark(editor, 2, 9999)).statusCode).toBe(404);
  });
});
