import { createHash } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { MergeChunk } from '../../server/contracts/revisions';
import type { App } from '../../server/platform/fastify';
import { SECTION_URL } from '../helpers/comments';
import { createConsultation, publishRevisionNow, SAMPLE_MARKDOWN } from '../helpers/factories';
import { buildTestApp } from '../helpers/test-app';
import { type Actor, createActor } from '../helpers/users';

let app: App;
let sectionId: number;
let editor: Actor;

beforeEach(async () => {
  app = await buildTestApp();
  sectionId = (await createConsultation(app.db)).sectionIds.governance!;
  editor = await createActor(app, 'editor', { username: 'edna' });
});

const FIRST_LINE = 'Technology should shape policy from the start.';
const LAST_LINE = '- Break large contracts into smaller lots.';
const replaceLine = (text: string, line: string, by: string): string => text.replace(line, by);

/** Another editor's change landing directly (as a merged proposal would). */
const landed = (markdown: string, summary = 'Someone else’s change') => publishRevisionNow(app.db, { sectionId, markdown, summary, authorId: null });

const edit = (payload: Record<string, unknown>, actor: Actor = editor) =>
  actor.inject({ method: 'POST', url: `${SECTION_URL}/revisions`, payload: { baseRevision: 1, markdown: SAMPLE_MARKDOWN, summary: 'Tidy up', ...payload } });

const current = async () => (await app.inject(SECTION_URL)).json().section.revision;
const history = async () => (await app.inject(`${SECTION_URL}/revisions`)).json();
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('history and diffs', () => {
  it('diffs any two revisions, in either order, inline, side by side and with word counts', async () => {
    await landed(replaceLine(SAMPLE_MARKDOWN, FIRST_LINE, 'Technology must shape policy from the very start.'));
    await landed(replaceLine(SAMPLE_MARKDOWN, LAST_LINE, '- Break large contracts into lots.'));
    const response = await app.inject(`${SECTION_URL}/diff?from=1&to=2`);
    expect(response.statusCode).toBe(200);
    const { from, to, diff } = response.json();
    expect([from.number, to.number]).toEqual([1, 2]);
    expect(diff.stats).toEqual({ wordsAdded: 2, wordsRemoved: 1 });
    expect(diff.inline.filter((s: { kind: string }) => s.kind !== 'same')).toEqual([
      { kind: 'removed', text: 'should' },
      { kind: 'added', text: 'must' },
      { kind: 'added', text: 'very ' },
    ]);
    expect(diff.sideBySide[0]).toEqual({
      left: [{ kind: 'same', text: 'Technology ' }, { kind: 'removed', text: 'should' }, { kind: 'same', text: ' shape policy from the start.' }],
      right: [{ kind: 'same', text: 'Technology ' }, { kind: 'added', text: 'must' }, { kind: 'same', text: ' shape policy from the ' }, { kind: 'added', text: 'very ' }, { kind: 'same', text: 'start.' }],
    });
    // Revision 3 went back on the first change and made another one: 3 → 1 shows only the other.
    const backwards = (await app.inject(`${SECTION_URL}/diff?from=3&to=1`)).json();
    expect(backwards.diff.stats).toEqual({ wordsAdded: 1, wordsRemoved: 0 });
    expect(backwards.diff.inline.filter((s: { kind: string }) => s.kind !== 'same')).toEqual([{ kind: 'added', text: 'smaller ' }]);
    const same = (await app.inject(`${SECTION_URL}/diff?from=2&to=2`)).json();
    expect(same.diff.stats).toEqual({ wordsAdded: 0, wordsRemoved: 0 });
  });

  it.each([
    ['?from=1&to=9', 404],
    ['?from=0&to=1', 400],
    ['?from=1', 400],
    ['?from=a&to=1', 400],
  ])('answers a bad diff request %s with %i', async (query, status) => {
    expect((await app.inject(`${SECTION_URL}/diff${query}`)).statusCode).toBe(status);
  });

  it('gives every revision the SHA-256 of its exact text, with author, summary and time', async () => {
    await edit({ markdown: `${SAMPLE_MARKDOWN}\nA new closing line.\n`, summary: 'Add a closing line' });
    const { revisions } = await history();
    expect(revisions).toEqual([
      { number: 2, summary: 'Add a closing line', sha256: sha256(`${SAMPLE_MARKDOWN}\nA new closing line.\n`), createdAt: expect.any(String), author: { username: 'edna', displayName: expect.any(String) } },
      { number: 1, summary: 'First published text', sha256: sha256(SAMPLE_MARKDOWN), createdAt: expect.any(String), author: null },
    ]);
    expect((await app.inject(`${SECTION_URL}/revisions/2`)).json().revision.sha256).toBe(revisions[0].sha256);
  });

  it('reverts by appending a new revision with the old text; history is never rewritten', async () => {
    await landed('A completely different text.\n');
    const response = await editor.inject({ method: 'POST', url: `${SECTION_URL}/revisions/1/revert`, payload: {} });
    expect(response.statusCode).toBe(201);
    expect(response.json().revision).toMatchObject({ number: 3, markdown: SAMPLE_MARKDOWN, summary: 'Reverted to version 1', sha256: sha256(SAMPLE_MARKDOWN) });
    expect((await history()).revisions.map((r: { number: number }) => r.number)).toEqual([3, 2, 1]);
    expect((await app.inject(`${SECTION_URL}/revisions/2`)).json().revision.markdown).toBe('A completely different text.\n');
    expect((await current()).number).toBe(3);

    const named = await editor.inject({ method: 'POST', url: `${SECTION_URL}/revisions/2/revert`, payload: { summary: 'Back to the short text' } });
    expect(named.json().revision).toMatchObject({ number: 4, summary: 'Back to the short text' });
    // The body is optional.
    const again = await editor.inject({ method: 'POST', url: `${SECTION_URL}/revisions/2/revert` });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('no_change');
    expect((await editor.inject({ method: 'POST', url: `${SECTION_URL}/revisions/9/revert`, payload: {} })).statusCode).toBe(404);
  });

  it('lets editors lock and unlock a section, with a reason everyone can read, and tells live viewers', async () => {
    const citizen = await createActor(app, 'citizen');
    expect((await citizen.inject({ method: 'POST', url: `${SECTION_URL}/lock`, payload: {} })).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: `${SECTION_URL}/lock`, payload: {} })).statusCode).toBe(401);
    const locked = await editor.inject({ method: 'POST', url: `${SECTION_URL}/lock`, payload: { reason: ' Final wording agreed with the board. ' } });
    expect(locked.statusCode).toBe(200);
    const lock = { at: expect.any(String), reason: 'Final wording agreed with the board.', by: { username: 'edna', displayName: expect.any(String) } };
    expect(locked.json().lock).toEqual(lock);
    expect((await history()).lock).toEqual(lock);
    // Editors still edit a locked section: the lock stops proposals only.
    expect((await edit({ markdown: `${SAMPLE_MARKDOWN}\nOne more line.\n` })).statusCode).toBe(201);

    expect((await citizen.inject({ method: 'POST', url: `${SECTION_URL}/unlock` })).statusCode).toBe(403);
    const unlocked = await editor.inject({ method: 'POST', url: `${SECTION_URL}/unlock` });
    expect(unlocked.json()).toEqual({ lock: null });
    expect((await history()).lock).toBeNull();
    expect((await editor.inject({ method: 'POST', url: `${SECTION_URL}/unlock` })).json()).toEqual({ lock: null });

    const events = await app.db.selectFrom('events').select(['type', 'payload']).where('type', 'like', 'section.%').orderBy('seq').execute();
    expect(events.map((e) => e.type)).toEqual(['section.locked', 'section.unlocked']);
    expect(JSON.parse(events[0]!.payload).lock.reason).toBe('Final wording agreed with the board.');
  });
});

describe('direct edits', () => {
  it('publishes an edit on the current revision as is', async () => {
    const markdown = replaceLine(SAMPLE_MARKDOWN, FIRST_LINE, 'Technology must shape policy.');
    const response = await edit({ markdown, summary: ' Shorter opening ' });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ merged: false, revision: { number: 2, markdown, summary: 'Shorter opening', author: { username: 'edna' } } });
    expect((await current()).markdown).toBe(markdown);
  });

  it('merges an edit on an old base with the changes that landed since, and says so', async () => {
    await landed(replaceLine(SAMPLE_MARKDOWN, LAST_LINE, '- Break large contracts into lots of under £10m.'));
    const response = await edit({ markdown: replaceLine(SAMPLE_MARKDOWN, FIRST_LINE, 'Technology must shape policy.') });
    expect(response.statusCode).toBe(201);
    expect(response.json().merged).toBe(true);
    const merged = replaceLine(replaceLine(SAMPLE_MARKDOWN, LAST_LINE, '- Break large contracts into lots of under £10m.'), FIRST_LINE, 'Technology must shape policy.');
    expect(response.json().revision).toMatchObject({ number: 3, markdown: merged });
  });

  it('merges edits to different words of one sentence', async () => {
    await landed(replaceLine(SAMPLE_MARKDOWN, FIRST_LINE, 'Technology should shape policy from day one.'));
    const response = await edit({ markdown: replaceLine(SAMPLE_MARKDOWN, FIRST_LINE, 'Technology must shape policy from the start.') });
    expect(response.statusCode).toBe(201);
    expect(response.json().revision.markdown).toBe(replaceLine(SAMPLE_MARKDOWN, FIRST_LINE, 'Technology must shape policy from day one.'));
  });

  it('refuses changes to the same words with 409 merge_conflict, keeps the editor’s text in the chunks and saves nothing', async () => {
    await landed(replaceLine(SAMPLE_MARKDOWN, FIRST_LINE, 'Technology should shape policy from day one.'));
    const mine = replaceLine(SAMPLE_MARKDOWN, FIRST_LINE, 'Technology should shape policy from the outset.');
    const response = await edit({ markdown: mine });
    expect(response.statusCode).toBe(409);
    const { error } = response.json();
    expect(error.code).toBe('merge_conflict');
    expect(error.details.currentRevision).toBe(2);
    const chunks: MergeChunk[] = error.details.chunks;
    // The conflict is only the words both changed.
    expect(chunks.slice(0, 2)).toEqual([
      { kind: 'ok', text: 'Technology should shape policy from ' },
      { kind: 'conflict', base: 'the start', ours: 'day one', theirs: 'the outset' },
    ]);
    expect(chunks.slice(2).every((chunk) => chunk.kind === 'ok')).toBe(true);
    expect(chunks.map((chunk) => (chunk.kind === 'ok' ? chunk.text : chunk.theirs)).join('')).toBe(mine);
    expect((await history()).revisions).toHaveLength(2);
  });

  it('publishes the resolved text against the revision the conflicts came from', async () => {
    await landed(replaceLine(SAMPLE_MARKDOWN, FIRST_LINE, 'Technology should shape policy from day one.'));
    const resolvedMarkdown = replaceLine(SAMPLE_MARKDOWN, FIRST_LINE, 'Technology must shape policy from day one.');
    const response = await edit({ markdown: 'my earlier text', resolvedMarkdown, currentRevision: 2 });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ merged: false, revision: { number: 3, markdown: resolvedMarkdown } });
  });

  it('merges a stale resolution with what landed meanwhile, and refuses it again if that overlaps', async () => {
    await landed(replaceLine(SAMPLE_MARKDOWN, FIRST_LINE, 'Technology should shape policy from day one.'));
    const resolvedMarkdown = replaceLine(SAMPLE_MARKDOWN, FIRST_LINE, 'Technology must shape policy from day one.');
    await landed(replaceLine(SAMPLE_MARKDOWN, FIRST_LINE, 'Technology shapes policy from day one.'), 'A third opinion');
    const stale = await edit({ resolvedMarkdown, currentRevision: 2 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details.currentRevision).toBe(3);
    expect(stale.json().error.details.chunks.filter((chunk: MergeChunk) => chunk.kind === 'conflict')).toEqual([
      { kind: 'conflict', base: 'should shape ', ours: 'shapes ', theirs: 'must shape ' },
    ]);

    await landed(replaceLine(replaceLine(SAMPLE_MARKDOWN, FIRST_LINE, 'Technology shapes policy from day one.'), LAST_LINE, '- Break contracts up.'));
    const clean = await edit({ resolvedMarkdown: replaceLine(SAMPLE_MARKDOWN, FIRST_LINE, 'Technology shapes all policy from day one.'), currentRevision: 3 });
    expect(clean.statusCode).toBe(201);
    expect(clean.json().merged).toBe(true);
    expect(clean.json().revision.markdown).toContain('Technology shapes all policy from day one.\n');
    expect(clean.json().revision.markdown).toContain('- Break contracts up.\n');
  });

  it.each([
    ['the current text unchanged', { markdown: SAMPLE_MARKDOWN }, 409, 'no_change'],
    ['blank text', { markdown: '   ' }, 400, 'invalid_input'],
    ['a blank summary', { summary: ' ' }, 400, 'invalid_input'],
    ['a base that does not exist', { baseRevision: 7, markdown: 'New text.' }, 400, 'invalid_input'],
    ['a resolution without its current revision', { resolvedMarkdown: 'New text.' }, 400, 'invalid_input'],
    ['text over 100,000 characters', { markdown: 'x'.repeat(100_001) }, 400, 'invalid_input'],
    ['an unknown field', { extra: true }, 400, 'invalid_input'],
  ])('refuses %s', async (_case, payload, status, code) => {
    const response = await edit(payload);
    expect(response.statusCode).toBe(status);
    expect(response.json().error.code).toBe(code);
  });

  it('is for editors (and admins) only', async () => {
    const markdown = `${SAMPLE_MARKDOWN}\nMore.\n`;
    expect((await edit({ markdown }, await createActor(app, 'citizen'))).statusCode).toBe(403);
    expect((await edit({ markdown }, await createActor(app, 'moderator'))).statusCode).toBe(403);
    expect((await edit({ markdown }, await createActor(app, 'editor', { blocked: true }))).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: `${SECTION_URL}/revisions`, payload: { baseRevision: 1, markdown, summary: 'x' } })).statusCode).toBe(401);
    expect((await edit({ markdown }, await createActor(app, 'admin'))).statusCode).toBe(201);
  });
});
