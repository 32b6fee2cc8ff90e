import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ServerMessage } from '../../server/contracts/live';
import type { Suggestion, SuggestionList } from '../../server/contracts/suggestions';
import type { App } from '../../server/platform/fastify';
import { anchorOn, postOk } from '../helpers/comments';
import { createConsultation, publishRevisionNow, SAMPLE_MARKDOWN } from '../helpers/factories';
import { LiveTestClient } from '../helpers/live';
import { buildTestApp } from '../helpers/test-app';
import { type Actor, createActor } from '../helpers/users';

const SECTION = '/api/consultations/test-consultation/sections/governance';
const SUGGESTIONS = `${SECTION}/suggestions`;
/** Blocks of SAMPLE_MARKDOWN: 0 the opening paragraph, 2 the bold list item, 6 the last list item. */
const OPENING = 0;
const BOLD_ITEM = 2;
const LAST_ITEM = 6;

let app: App;
let sectionId: number;
let alice: Actor;
let bob: Actor;
let editor: Actor;

beforeEach(async () => {
  app = await buildTestApp();
  sectionId = (await createConsultation(app.db)).sectionIds.governance!;
  alice = await createActor(app, 'citizen');
  bob = await createActor(app, 'citizen');
  editor = await createActor(app, 'editor');
});

async function list(actor: Actor | App = app, query = ''): Promise<SuggestionList> {
  const response = await actor.inject({ url: `${SUGGESTIONS}${query}` });
  expect(response.statusCode).toBe(200);
  return response.json();
}

/** The range of `from` in block `block`'s source, replaced by `to`. */
async function passage(block: number, from: string, to: string) {
  const source = (await list()).blockSources[block]!;
  const start = source.indexOf(from);
  if (start === -1) throw new Error(`"${from}" is not in block ${block}: ${source}`);
  return { block, start, end: start + from.length, replacement: to };
}

const suggestRaw = (actor: Actor, payload: Record<string, unknown>) => actor.inject({ method: 'POST', url: SUGGESTIONS, payload: { baseRevision: 1, reason: 'Clearer', ...payload } });

async function suggest(actor: Actor, block: number, from: string, to: string, extra: Record<string, unknown> = {}): Promise<{ suggestion: Suggestion; proposalId: number | null }> {
  const response = await suggestRaw(actor, { ...(await passage(block, from, to)), ...extra });
  if (response.statusCode !== 201) throw new Error(`expected 201, got ${response.statusCode}: ${response.body}`);
  return response.json();
}

const accept = (payload: Record<string, unknown>, actor: Actor = editor) => actor.inject({ method: 'POST', url: `${SUGGESTIONS}/accept`, payload: { currentRevision: 1, ...payload } });
const currentMarkdown = async (): Promise<string> => (await app.inject(SECTION)).json().section.revision.markdown;

describe('suggesting a change to a passage', () => {
  it('creates a proposal whose change is exactly that passage', async () => {
    const { suggestion, proposalId } = await suggest(alice, OPENING, 'from the start', 'at every stage');
    expect(suggestion).toMatchObject({ status: 'open', original: 'from the start', replacement: 'at every stage', blockId: expect.any(String), current: { block: OPENING } });
    expect(suggestion.before).toBe('Technology should shape policy from the start.');
    expect(suggestion.after).toBe('Technology should shape policy at every stage.');
    const proposal = (await editor.inject({ url: `/api/proposals/${proposalId}` })).json().proposal;
    expect(proposal.markdown).toBe(SAMPLE_MARKDOWN.replace('from the start', 'at every stage'));
    expect(proposal.summary).toBe('Clearer');
    expect(proposal.author.username).toBe(alice.username);
  });

  it('keeps the formatting around the passage, since ranges count in the Markdown source', async () => {
    expect((await list()).blockSources[BOLD_ITEM]).toBe('**Scrutinise early**: assess the technology before legislation is drafted.');
    const { proposalId } = await suggest(alice, BOLD_ITEM, 'assess', 'weigh up');
    const proposal = (await editor.inject({ url: `/api/proposals/${proposalId}` })).json().proposal;
    expect(proposal.markdown).toContain('1. **Scrutinise early**: weigh up the technology');
  });

  it('gathers several suggestions in a basket and sends them as one proposal', async () => {
    const first = await suggest(alice, OPENING, 'from the start', 'at every stage', { send: false });
    expect(first.proposalId).toBeNull();
    await suggest(alice, LAST_ITEM, 'smaller lots', 'lots small firms can win', { send: false });
    // Nobody else sees a basket.
    expect((await list(bob)).suggestions).toEqual([]);
    const basket = (await alice.inject({ url: `${SUGGESTIONS}/basket` })).json().suggestions;
    expect(basket.map((item: Suggestion) => item.status)).toEqual(['draft', 'draft']);
    const overlapping = await suggestRaw(alice, { ...(await passage(OPENING, 'the start', 'the outset')), send: false });
    expect(overlapping.statusCode).toBe(400);
    expect(overlapping.json().error.field).toBe('start');

    const sent = await alice.inject({ method: 'POST', url: `${SUGGESTIONS}/basket/send`, payload: {} });
    expect(sent.statusCode).toBe(201);
    const proposal = (await editor.inject({ url: `/api/proposals/${sent.json().proposalId}` })).json().proposal;
    expect(proposal.markdown).toBe(SAMPLE_MARKDOWN.replace('from the start', 'at every stage').replace('smaller lots', 'lots small firms can win'));
    expect(proposal.summary).toBe('2 suggestions: Clearer; Clearer');
    expect((await list(bob)).suggestions.map((item) => item.proposalId)).toEqual([proposal.id, proposal.id]);
  });

  it('removes a suggestion from the basket only for its author', async () => {
    const { suggestion } = await suggest(alice, OPENING, 'from the start', 'early', { send: false });
    expect((await bob.inject({ method: 'DELETE', url: `/api/suggestions/${suggestion.id}` })).statusCode).toBe(404);
    expect((await alice.inject({ method: 'DELETE', url: `/api/suggestions/${suggestion.id}` })).statusCode).toBe(200);
    const emptySend = await alice.inject({ method: 'POST', url: `${SUGGESTIONS}/basket/send`, payload: {} });
    expect(emptySend.statusCode).toBe(409);
    expect(emptySend.json().error.code).toBe('basket_empty');
  });

  it.each([
    ['block', { block: 99, start: 0, end: 1, replacement: 'x' }],
    ['start', { block: 0, start: 500, end: 500, replacement: 'x' }],
    ['end', { block: 0, start: 5, end: 2, replacement: 'x' }],
    ['end', { block: 0, start: 0, end: 999, replacement: 'x' }],
    ['replacement', { block: 0, start: 0, end: 10, replacement: 'Technology' }],
    ['replacement', { block: 0, start: 0, end: 1, replacement: 'x'.repeat(10_001) }],
    ['replacement', { block: 0, start: 0, end: 1, replacement: 'lone \uD800 surrogate' }],
    ['reason', { block: 0, start: 0, end: 1, replacement: 'x', reason: '   ' }],
    ['reason', { block: 0, start: 0, end: 1, replacement: 'x', reason: undefined }],
    ['baseRevision', { block: 0, start: 0, end: 1, replacement: 'x', baseRevision: 7 }],
    ['baseRevision', { block: 0, start: 0, end: 1, replacement: 'x', baseRevision: 'one' }],
    ['start', { block: 0, start: -1, end: 1, replacement: 'x' }],
  ])('refuses a bad %s with a 400 naming it', async (field, payload) => {
    const response = await suggestRaw(alice, payload);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.field).toBe(field);
    expect((await list(editor)).suggestions).toEqual([]);
  });

  it('asks a signed-out reader to sign in', async () => {
    const response = await app.inject({ method: 'POST', url: SUGGESTIONS, payload: { baseRevision: 1, block: 0, start: 0, end: 1, replacement: 'x', reason: 'r' } });
    expect(response.statusCode).toBe(401);
  });

  it('applies any range inside a block exactly, and refuses any range outside it with a 4xx (fuzz)', async () => {
    const sources = (await list()).blockSources;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: sources.length }),
        fc.integer({ min: 0, max: 120 }),
        fc.integer({ min: 0, max: 120 }),
        fc.string({ maxLength: 12 }),
        async (block, start, end, replacement) => {
          const response = await suggestRaw(alice, { block, start, end, replacement });
          const source = sources[block];
          const inside = source !== undefined && start <= end && end <= source.length;
          if (!inside) {
            expect(response.statusCode).toBe(400);
            expect(['block', 'start', 'end']).toContain(response.json().error.field);
            return;
          }
          expect([201, 400]).toContain(response.statusCode);
          if (response.statusCode === 400) {
            expect(response.json().error.field).toBe('replacement');
            return;
          }
          const proposal = (await alice.inject({ url: `/api/proposals/${response.json().proposalId}` })).json().proposal;
          const offset = SAMPLE_MARKDOWN.indexOf(source!);
          expect(proposal.markdown).toBe(SAMPLE_MARKDOWN.slice(0, offset + start) + replacement + SAMPLE_MARKDOWN.slice(offset + end));
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('supporting a suggestion', () => {
  it('counts one support per person, sorts by support, and refuses supporting your own', async () => {
    const quiet = (await suggest(alice, OPENING, 'from the start', 'early')).suggestion;
    const popular = (await suggest(bob, LAST_ITEM, 'smaller lots', 'small lots')).suggestion;
    const carol = await createActor(app, 'citizen');
    for (const actor of [alice, carol, alice]) {
      const response = await actor.inject({ method: 'POST', url: `/api/suggestions/${popular.id}/support` });
      expect(response.statusCode).toBe(200);
    }
    expect((await list(alice, '?sort=support')).suggestions.map((item) => [item.id, item.supports, item.supported])).toEqual([
      [popular.id, 2, true],
      [quiet.id, 0, false],
    ]);
    expect((await list(alice, '?sort=position')).suggestions.map((item) => item.id)).toEqual([quiet.id, popular.id]);
    const own = await bob.inject({ method: 'POST', url: `/api/suggestions/${popular.id}/support` });
    expect(own.statusCode).toBe(403);
    const withdrawn = await alice.inject({ method: 'DELETE', url: `/api/suggestions/${popular.id}/support` });
    expect(withdrawn.json()).toEqual({ supports: 1, supported: false });
  });
});

describe('accepting and rejecting in place', () => {
  it('merges an accepted suggestion, credits its author in the history and settles the proposal', async () => {
    const { suggestion, proposalId } = await suggest(alice, OPENING, 'from the start', 'at every stage');
    const response = await accept({ ids: [suggestion.id] });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ revision: 2, accepted: [suggestion.id] });
    expect(await currentMarkdown()).toBe(SAMPLE_MARKDOWN.replace('from the start', 'at every stage'));
    const history = (await app.inject(`${SECTION}/revisions`)).json().revisions;
    expect(history[0]).toMatchObject({ number: 2, author: { username: alice.username } });
    expect(history[0].summary).toMatch(/^Accepted suggestion #\d+ by .+ \(reviewed by .+\): Clearer$/);
    expect((await list(app, '?status=accepted')).suggestions[0]).toMatchObject({ id: suggestion.id, decision: { revision: 2 } });
    expect((await editor.inject({ url: `/api/proposals/${proposalId}` })).json().proposal.status).toBe('merged');
  });

  it('applies a suggestion written on an older version when its passage is unchanged', async () => {
    const { suggestion } = await suggest(alice, LAST_ITEM, 'smaller lots', 'lots small firms can win');
    await publishRevisionNow(app.db, { sectionId, markdown: SAMPLE_MARKDOWN.replace('from the start', 'from day one'), summary: 'Direct edit', authorId: editor.id });
    const response = await accept({ ids: [suggestion.id], currentRevision: 2 });
    expect(response.statusCode).toBe(200);
    expect(await currentMarkdown()).toBe(SAMPLE_MARKDOWN.replace('from the start', 'from day one').replace('smaller lots', 'lots small firms can win'));
  });

  it('returns only the conflicting passage with its choices, and merges the choice made', async () => {
    const { suggestion } = await suggest(alice, OPENING, 'from the start', 'at every stage');
    await publishRevisionNow(app.db, { sectionId, markdown: SAMPLE_MARKDOWN.replace('from the start', 'from day one'), summary: 'Direct edit', authorId: editor.id });
    const stale = await accept({ ids: [suggestion.id] });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('stale');
    const conflict = await accept({ ids: [suggestion.id], currentRevision: 2 });
    expect(conflict.statusCode).toBe(409);
    const details = conflict.json().error.details;
    expect(details.suggestionId).toBe(suggestion.id);
    expect(details.chunks).toHaveLength(1);
    expect(details.chunks[0]).toMatchObject({ kind: 'conflict' });
    expect(details.chunks[0].ours).toContain('day one');
    expect(details.chunks[0].theirs).toContain('every stage');
    expect(details.chunks[0].ours).not.toContain('Recommendations');
    const resolved = await accept({ ids: [suggestion.id], currentRevision: 2, choices: ['theirs'] });
    expect(resolved.statusCode).toBe(200);
    expect(await currentMarkdown()).toContain('Technology should shape policy at every stage.');
  });

  it('accepts several at once into one revision, and refuses citizens', async () => {
    const one = (await suggest(alice, OPENING, 'from the start', 'early')).suggestion;
    const two = (await suggest(bob, LAST_ITEM, 'smaller lots', 'small lots')).suggestion;
    expect((await accept({ ids: [one.id, two.id] }, alice)).statusCode).toBe(403);
    const response = await accept({ ids: [one.id, two.id] });
    expect(response.statusCode).toBe(200);
    expect(response.json().revision).toBe(2);
    expect(await currentMarkdown()).toBe(SAMPLE_MARKDOWN.replace('from the start', 'early').replace('smaller lots', 'small lots'));
    expect((await accept({ ids: [one.id], currentRevision: 2 })).json().error.code).toBe('suggestion_decided');
  });

  it('rejects with a reason, naming the field when it is missing', async () => {
    const { suggestion, proposalId } = await suggest(alice, OPENING, 'from the start', 'early');
    const url = `${SUGGESTIONS}/reject`;
    const missing = await editor.inject({ method: 'POST', url, payload: { ids: [suggestion.id], reason: '' } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.field).toBe('reason');
    const noIds = await editor.inject({ method: 'POST', url, payload: { ids: [], reason: 'No' } });
    expect(noIds.json().error.field).toBe('ids');
    expect((await editor.inject({ method: 'POST', url, payload: { ids: [suggestion.id], reason: 'Too vague' } })).statusCode).toBe(200);
    expect((await list(app, '?status=rejected')).suggestions[0]).toMatchObject({ status: 'rejected', decision: { note: 'Too vague' } });
    expect((await list()).counts).toEqual({ open: 0, accepted: 0, rejected: 1 });
    expect((await editor.inject({ url: `/api/proposals/${proposalId}` })).json().proposal.status).toBe('rejected');
  });

  it('offers the comments on the accepted passage to be marked addressed in the new version', async () => {
    const onPassage = await postOk(bob, { body: 'Too vague', anchor: await anchorOn(app, 'from the start') });
    const elsewhere = await postOk(bob, { body: 'Good', anchor: await anchorOn(app, 'smaller lots') });
    const { suggestion } = await suggest(alice, OPENING, 'from the start', 'at every stage');
    const result = (await accept({ ids: [suggestion.id] })).json();
    expect(result.commentsOnPassages).toEqual([onPassage.id]);
    expect(result.commentsOnPassages).not.toContain(elsewhere.id);
    const marked = await editor.inject({ method: 'POST', url: `/api/comments/${onPassage.id}/addressed`, payload: { revision: result.revision } });
    expect(marked.json().comment.addressed.revision).toBe(2);
  });
});

describe('live events', () => {
  it('tells viewers of the section when a suggestion arrives and when its support changes', async () => {
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const client = await LiveTestClient.connect(url, { origin: app.config.siteOrigin });
    client.send({ type: 'subscribe', channels: ['section:test-consultation/governance'] });
    await client.next((m) => m.type === 'subscribed');
    const { suggestion } = await suggest(alice, OPENING, 'from the start', 'early');
    const isEvent = (type: string) => (m: ServerMessage) => m.type === 'event' && m.event.type === type;
    const created = await client.next<Extract<ServerMessage, { type: 'event' }>>(isEvent('suggestion.created'));
    expect(created.event.data).toEqual({ id: suggestion.id, proposalId: suggestion.proposalId, status: 'open', supports: 0 });
    await bob.inject({ method: 'POST', url: `/api/suggestions/${suggestion.id}/support` });
    const changed = await client.next<Extract<ServerMessage, { type: 'event' }>>(isEvent('suggestion.changed'));
    expect(changed.event.data).toMatchObject({ id: suggestion.id, supports: 1 });
    client.socket.close();
  });
});
