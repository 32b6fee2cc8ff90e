import { beforeEach, describe, expect, it} from 'vitest';
import type { Dashboard } from '../../server/contracts/dashboard';
import type { App } from '../../server/platform/fastify';
import { anchorOn, postOk } from '../helpers/comments';
import { createConsultation, TWO_SECTIONS } from '../helpers/factories';
import { report } from '../helpers/moderation';
import { buildTestApp } from '../helpers/test-app';
import { type Actor, createActor } from '../helpers/users';

const C = '/api/consultations/test-consultation';
const PROCUREMENT = `${C}/sections/procurement/comments`;

let app: App;
let editor: Actor;
let alice: Actor;
let bob: Actor;

beforeEach(async () => {
  app = await buildTestApp();
  await createConsultation(app.db, { sections: TWO_SECTIONS });
  editor = await createActor(app, 'editor');
  alice = await createActor(app, 'citizen');
  bob = await createActor(app, 'citizen');
});

const dashboard = async (actor: Actor = editor): Promise<Dashboard> => {
  const response = await actor.inject({ url: `${C}/dashboard` });
  expect(response.statusCode).toBe(200);
  return response.json();
};
const setCreated = (id: number, at: string) => app.db.updateTable('comments').set({ created_at: at }).where('id', '=', id).execute();

describe('the editors’ dashboard', () => {
  it('is for editors and admins only', async () => {
    expect((await app.inject(`${C}/dashboard`)).statusCode).toBe(401);
    for (const role of ['citizen', 'moderator'] as const) expect((await (await createActor(app, role)).inject({ url: `${C}/dashboard` })).statusCode).toBe(403);
    expect((await (await createActor(app, 'admin')).inject({ url: `${C}/dashboard` })).statusCode).toBe(200);
    expect((await editor.inject({ url: '/api/consultations/nowhere/dashboard' })).statusCode).toBe(404);
  });

  it('counts responses by day, section, kind and question from the comments made here', async () => {
    const question = (await editor.inject({ method: 'POST', url: `${C}/questions`, payload: { section: 'procurement', text: 'How small is small?' } })).json().question;
    const unasked = (await editor.inject({ method: 'POST', url: `${C}/questions`, payload: { section: 'governance', text: 'Who decides?' } })).json().question;
    const a = await postOk(alice, { kind: 'support', body: 'Yes to early scrutiny.' });
    const b = await postOk(bob, { kind: 'object', body: 'Boards are busy enough.' });
    const c = await postOk(alice, { kind: 'general', body: 'Lots of a million at most.', questionId: question.id }, PROCUREMENT);
    const gone = await postOk(bob, { kind: 'general', body: 'Deleted later.' }, PROCUREMENT);
    await bob.inject({ method: 'DELETE', url: `/api/comments/${gone.id}` });
    await postOk(bob, { kind: 'support', body: 'A reply is not a response.', parentId: a.id });
    await setCreated(a.id, '2026-01-02T10:00:00.000Z');
    await setCreated(b.id, '2026-01-02T23:59:00.000Z');
    await setCreated(c.id, '2026-01-05T08:00:00.000Z');

    const data = await dashboard();
    expect(data.responses).toBe(3);
    expect(data.byDay).toEqual([{ day: '2026-01-02', responses: 2 }, { day: '2026-01-05', responses: 1 }]);
    expect(data.bySection).toEqual([{ slug: 'governance', title: 'Governance', responses: 2 }, { slug: 'procurement', title: 'Procurement', responses: 1 }]);
    expect(Object.fromEntries(data.byKind.map((k) => [k.kind, k.responses]))).toEqual({ support: 1, object: 1, question: 0, suggestion: 0, evidence: 0, general: 1 });
    expect(data.byQuestion).toEqual([{ id: question.id, number: 1, text: 'How small is small?', responses: 1 }, { id: unasked.id, number: 2, text: 'Who decides?', responses: 0 }]);
  });

  it('lists what waits for editors: proposals, unanswered questions, orphans, endorsed and reported comments', async () => {
    const section = (await app.inject(`${C}/sections/governance`)).json().section;
    const proposal = await alice.inject({ method: 'POST', url: `${C}/sections/governance/proposals`, payload: { baseRevision: section.revision.number, markdown: `${section.revision.markdown}\nMore.\n`, summary: 'Adds more' } });
    expect(proposal.statusCode).toBe(201);
    const asked = await postOk(alice, { kind: 'question', body: 'Who pays for this?' });
    const answered = await postOk(bob, { kind: 'question', body: 'When does it start?' });
    await postOk(editor, { kind: 'general', body: 'In April.', parentId: answered.id });
    const citizenReplied = await postOk(bob, { kind: 'question', body: 'Is this binding?' });
    await postOk(alice, { kind: 'general', body: 'I think not.', parentId: citizenReplied.id });
    const orphan = await postOk(alice, { kind: 'object', body: 'This passage is wrong.', anchor: await anchorOn(app, 'assess the technology') });
    await app.db.updateTable('comments').set({ anchor_state: 'orphaned' }).where('id', '=', orphan.id).execute();
    const liked = await postOk(bob, { kind: 'support', body: 'Quarterly is right.' });
    await alice.inject({ method: 'POST', url: `/api/comments/${liked.id}/endorse` });
    await editor.inject({ method: 'POST', url: `/api/comments/${liked.id}/endorse` });
    await bob.inject({ method: 'POST', url: `/api/comments/${asked.id}/endorse` });
    expect((await report(alice, liked.id)).statusCode).toBe(201);
    expect((await report(editor, liked.id)).statusCode).toBe(201);

    const data = await dashboard();
    expect(data.waitingProposals.total).toBe(1);
    expect(data.waitingProposals.items[0]).toMatchObject({ id: proposal.json().proposal.id, summary: 'Adds more', section: { slug: 'governance' } });
    expect(data.unansweredQuestions.total).toBe(2);
    expect(data.unansweredQuestions.items.map((q) => q.id)).toEqual([asked.id, citizenReplied.id]);
    expect(data.orphanedComments).toMatchObject({ total: 1, items: [{ id: orphan.id, excerpt: 'This passage is wrong.' }] });
    expect(data.mostEndorsed.map((c) => [c.id, c.endorsements])).toEqual([[liked.id, 2], [asked.id, 1]]);
    expect(data.reportsWaiting).toMatchObject({ total: 2, items: [{ id: liked.id, reports: 2 }] });
  });

  it('counts open suggestions and their supports, the most supported first', async () => {
    const suggestions = `${C}/sections/governance/suggestions`;
    const source: string = (await app.inject(suggestions)).json().blockSources[0];
    const suggest = async (actor: Actor, from: string, to: string, reason: string) => {
      const start = source.indexOf(from);
      const response = await actor.inject({ method: 'POST', url: suggestions, payload: { baseRevision: 1, block: 0, start, end: start + from.length, replacement: to, reason } });
      expect(response.statusCode).toBe(201);
      return response.json().suggestion.id as number;
    };
    const support = async (actor: Actor, id: number) => expect((await actor.inject({ method: 'POST', url: `/api/suggestions/${id}/support` })).statusCode).toBe(200);
    expect((await dashboard()).suggestions).toEqual({ open: 0, supports: 0, mostSupported: [] });
    const once = await suggest(alice, 'from the start', 'early', 'Shorter');
    const twice = await suggest(bob, 'Technology', 'Digital technology', 'More precise');
    await suggest(alice, 'policy', 'law', 'Unsupported');
    await support(bob, once);
    await support(alice, twice);
    await support(editor, twice);

    const data = await dashboard();
    expect(data.suggestions.open).toBe(3);
    expect(data.suggestions.supports).toBe(3);
    expect(data.suggestions.mostSupported.map((s) => [s.id, s.supports, s.reason, s.section.slug])).toEqual([
      [twice, 2, 'More precise', 'governance'],
      [once, 1, 'Shorter', 'governance'],
    ]);
    // A decided suggestion no longer counts as open.
    expect((await editor.inject({ method: 'POST', url: `${suggestions}/reject`, payload: { ids: [twice], reason: 'No' } })).statusCode).toBe(200);
    expect((await dashboard()).suggestions).toMatchObject({ open: 2, supports: 1 });
  });
});
