import { beforeEach, describe, expect, it } from 'vitest';
import type { Suggestion, SuggestionList } from '../../server/contracts/suggestions';
import type { App } from '../../server/platform/fastify';
import { createConsultation } from '../helpers/factories';
import { buildTestApp } from '../helpers/test-app';
import { type Actor, createActor } from '../helpers/users';

// A proposal that carries suggestions can also be decided as a whole, on its own page (merge,
// reject) or withdrawn by its author: its suggestions must then be decided the same way, never
// left open beside a closed proposal. The API documentation says what a suggestion is.

const SUGGESTIONS = '/api/consultations/test-consultation/sections/governance/suggestions';

let app: App;
let alice: Actor;
let editor: Actor;

beforeEach(async () => {
  app = await buildTestApp();
  await createConsultation(app.db);
  alice = await createActor(app, 'citizen');
  editor = await createActor(app, 'editor');
});

async function list(status: string): Promise<SuggestionList> {
  return (await editor.inject({ url: `${SUGGESTIONS}?status=${status}` })).json();
}

/** Two suggestions by Alice on the opening paragraph, sent together as one proposal. */
async function twoSuggestionsInOneProposal(): Promise<{ proposalId: number; ids: number[] }> {
  const source = (await list('open')).blockSources[0]!;
  const ids: number[] = [];
  for (const [from, to] of [['Technology', 'Digital technology'], ['from the start', 'at every stage']] as const) {
    const start = source.indexOf(from);
    const response = await alice.inject({ method: 'POST', url: SUGGESTIONS, payload: { baseRevision: 1, block: 0, start, end: start + from.length, replacement: to, reason: 'Clearer', send: false } });
    expect(response.statusCode).toBe(201);
    ids.push(response.json().suggestion.id);
  }
  const sent = await alice.inject({ method: 'POST', url: `${SUGGESTIONS}/basket/send`, payload: {} });
  expect(sent.statusCode).toBe(201);
  return { proposalId: sent.json().proposalId, ids };
}

const storedStatuses = async (ids: number[]) =>
  (await app.db.selectFrom('suggestions').select(['id', 'status', 'decided_by']).where('id', 'in', ids).orderBy('id').execute()).map((row) => [row.status, row.decided_by]);

describe('deciding a whole proposal decides the suggestions it carries', () => {
  it('merging it on its own page accepts them into the merged version', async () => {
    const { proposalId, ids } = await twoSuggestionsInOneProposal();
    const merged = await editor.inject({ method: 'POST', url: `/api/proposals/${proposalId}/merge`, payload: { currentRevision: 1 } });
    expect(merged.statusCode).toBe(200);
    expect(await storedStatuses(ids)).toEqual([['accepted', editor.id], ['accepted', editor.id]]);
    const accepted = (await list('accepted')).suggestions;
    expect(accepted.map((item: Suggestion) => [item.id, item.decision?.revision])).toEqual([[ids[0], 2], [ids[1], 2]]);
    expect((await list('open')).counts.open).toBe(0);
    // Nothing is left to accept in place.
    const again = await editor.inject({ method: 'POST', url: `${SUGGESTIONS}/accept`, payload: { ids: [ids[0]], currentRevision: 2 } });
    expect(again.statusCode).toBe(409);
  });

  it('rejecting it on its own page rejects them with its reason', async () => {
    const { proposalId, ids } = await twoSuggestionsInOneProposal();
    const rejected = await editor.inject({ method: 'POST', url: `/api/proposals/${proposalId}/reject`, payload: { reason: '  Out of scope  ' } });
    expect(rejected.statusCode).toBe(200);
    expect(await storedStatuses(ids)).toEqual([['rejected', editor.id], ['rejected', editor.id]]);
    expect((await list('rejected')).suggestions.map((item: Suggestion) => item.decision?.note)).toEqual(['Out of scope', 'Out of scope']);
  });

  it('withdrawing it withdraws them', async () => {
    const { proposalId, ids } = await twoSuggestionsInOneProposal();
    expect((await alice.inject({ method: 'POST', url: `/api/proposals/${proposalId}/withdraw` })).statusCode).toBe(200);
    expect(await storedStatuses(ids)).toEqual([['withdrawn', alice.id], ['withdrawn', alice.id]]);
    expect((await list('open')).counts).toEqual({ open: 0, accepted: 0, rejected: 0 });
  });

  it('leaves them open when the proposal cannot be decided (a refused reject changes nothing)', async () => {
    const { proposalId, ids } = await twoSuggestionsInOneProposal();
    expect((await alice.inject({ method: 'POST', url: `/api/proposals/${proposalId}/reject`, payload: { reason: 'No' } })).statusCode).toBe(403);
    expect(await storedStatuses(ids)).toEqual([['open', null], ['open', null]]);
  });
});

describe('the API documentation', () => {
  it('describes a suggestion as a proposal on a passage: base revision, block, range, replacement, reason', async () => {
    const spec = (await app.inject('/api/docs/json')).json();
    const suggest = spec.paths['/api/consultations/{c}/sections/{s}/suggestions'].post;
    expect(suggest.description).toMatch(/one passage/);
    const body = suggest.requestBody.content['application/json'].schema;
    for (const [field, words] of [['baseRevision', 'base revision'], ['block', 'block'], ['start', 'range'], ['end', 'range'], ['replacement', 'replacement'], ['reason', 'reason']] as const) {
      expect(body.properties[field].description, field).toMatch(new RegExp(words, 'i'));
    }
    for (const path of ['/suggestions/basket/send', '/suggestions/accept', '/suggestions/reject']) expect(spec.paths[`/api/consultations/{c}/sections/{s}${path}`].post, path).toBeDefined();
    expect(spec.paths['/api/suggestions/{id}/support'].post).toBeDefined();
    expect(spec.paths['/api/consultations/{c}/exports/{file}'].get.parameters.find((p: { name: string }) => p.name === 'file').schema.anyOf.map((s: { const?: string; enum?: string[] }) => s.const ?? s.enum?.[0])).toContain('suggestions.csv');
  });
});
