import { beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../server/platform/fastify';
import { createConsultation, SAMPLE_MARKDOWN } from '../helpers/factories';
import { buildTestApp } from '../helpers/test-app';
import { type Actor, createActor } from '../helpers/users';

let app: App;
let editor: Actor;
let citizen: Actor;
beforeEach(async () => {
  app = await buildTestApp();
  editor = await createActor(app, 'editor');
  citizen = await createActor(app, 'citizen');
});

const base = '/api/consultations/test-consultation';
const section = `${base}/sections/governance`;

async function comment(body: string, kind = 'suggestion'): Promise<number> {
  return (await citizen.inject({ method: 'POST', url: `${section}/comments`, payload: { kind, body } })).json().comment.id;
}

/** An open consultation that gets an editor's edit (v2), a merged proposal (v3), addressed comments and an outcome. */
async function consultationWithOutcome() {
  await createConsultation(app.db, { sections: [{ slug: 'governance', title: 'Governance', markdown: SAMPLE_MARKDOWN }, { slug: 'skills', title: 'Skills', markdown: 'Train people.' }] });
  // The draft as consulted on dates from before the opening (as content/ loads it).
  await app.db.updateTable('revisions').set({ created_at: '2020-01-01T00:00:00.000Z' }).execute();
  const addressed = await comment('Say who publishes the spending figures.');
  const hidden = await comment('Buy my product, it fixes everything.');
  await comment('I support this.', 'support');
  const edit = await editor.inject({ method: 'POST', url: `${section}/revisions`, payload: { baseRevision: 1, markdown: `${SAMPLE_MARKDOWN}\nThe Treasury publishes the figures.\n`, summary: 'Says who publishes spending' } });
  expect(edit.statusCode).toBe(201);
  const proposal = (await citizen.inject({ method: 'POST', url: `${section}/proposals`, payload: { baseRevision: 2, markdown: `${SAMPLE_MARKDOWN}\nThe Treasury publishes the figures.\n\nEvery quarter.\n`, summary: 'Adds how often' } })).json().proposal;
  expect((await editor.inject({ method: 'POST', url: `/api/proposals/${proposal.id}/merge`, payload: { currentRevision: 2 } })).statusCode).toBe(200);
  expect((await editor.inject({ method: 'POST', url: `/api/comments/${addressed}/addressed`, payload: { revision: 2 } })).statusCode).toBe(200);
  await editor.inject({ method: 'POST', url: `/api/comments/${hidden}/addressed`, payload: { revision: 3 } });
  const moderator = await createActor(app, 'moderator');
  await moderator.inject({ method: 'POST', url: `/api/comments/${hidden}/hide`, payload: { reason: 'spam' } });
  await editor.inject({ method: 'PATCH', url: base, payload: { closesAt: new Date().toISOString() } });
  return { addressed, proposal };
}

describe('the published outcome', () => {
  it('is not there until the outcome is published', async () => {
    await createConsultation(app.db);
    const response = await app.inject(`${base}/outcome`);
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('not_found');
  });

  it('gives the response, the versions made during the consultation with their credits, and the numbers', async () => {
    const { addressed, proposal } = await consultationWithOutcome();
    await editor.inject({ method: 'PUT', url: `${base}/outcome`, payload: { markdown: '## What we did\n\nWe changed **Governance**.' } });
    const response = await app.inject(`${base}/outcome`);
    expect(response.statusCode).toBe(200);
    const outcome = response.json();
    expect(outcome.summaryHtml).toContain('<strong>Governance</strong>');
    expect(outcome.consultation.phase).toBe('outcome');
    expect(outcome.responses).toMatchObject({ suggestion: 1, support: 1, total: 2 });
    const [governance, skills] = outcome.sections;
    expect(skills).toMatchObject({ slug: 'skills', revisions: [], responses: { total: 0 } });
    expect(governance.responses.total).toBe(2);
    // Only versions 2 and 3 were published after the opening: they are "what changed".
    expect(governance.revisions.map((r: { number: number; previous: number }) => [r.number, r.previous])).toEqual([[2, 1], [3, 2]]);
    const [v2, v3] = governance.revisions;
    expect(v2).toMatchObject({ summary: 'Says who publishes spending', author: { username: editor.username }, mergedProposals: [] });
    expect(v2.addressedComments).toEqual([{ id: addressed, kind: 'suggestion', excerpt: 'Say who publishes the spending figures.', author: { username: citizen.username, displayName: expect.any(String) } }]);
    // The hidden comment marked as addressed is not credited in public.
    expect(v3.addressedComments).toEqual([]);
    expect(v3.mergedProposals).toEqual([{ id: proposal.id, summary: 'Adds how often', author: { username: citizen.username, displayName: expect.any(String) } }]);
  });
});

describe('the outcome’s answers to each question', () => {
  it('counts the answers anyone may read, question by question, and lists unanswered questions with 0', async () => {
    await createConsultation(app.db, { sections: [{ slug: 'governance', title: 'Governance', markdown: SAMPLE_MARKDOWN }, { slug: 'skills', title: 'Skills', markdown: 'Train people.' }] });
    const ask = async (sectionSlug: string, text: string) => (await editor.inject({ method: 'POST', url: `${base}/questions`, payload: { section: sectionSlug, text } })).json().question as { id: number };
    const who = await ask('governance', 'Who should publish the spending figures?');
    await ask('skills', 'What training do boards need?');
    const answer = async (body: string) => (await citizen.inject({ method: 'POST', url: `${section}/comments`, payload: { kind: 'general', body, questionId: who.id } })).json().comment.id as number;
    await answer('The Treasury.');
    const hidden = await answer('Nobody, buy my product instead.');
    await (await createActor(app, 'moderator')).inject({ method: 'POST', url: `/api/comments/${hidden}/hide`, payload: { reason: 'spam' } });
    await editor.inject({ method: 'PATCH', url: base, payload: { closesAt: new Date().toISOString() } });
    await editor.inject({ method: 'PUT', url: `${base}/outcome`, payload: { markdown: 'Thank you.' } });
    const outcome = (await app.inject(`${base}/outcome`)).json();
    expect(outcome.questions).toEqual([
      { number: 1, text: 'Who should publish the spending figures?', section: 'Governance', answers: 1 },
      { number: 2, text: 'What training do boards need?', section: 'Skills', answers: 0 },
    ]);
  });
});

describe('marking any comment as addressed', () => {
  it('works on a comment that was never orphaned, and only with a later version', async () => {
    await createConsultation(app.db);
    const id = await comment('Add a date.');
    const tooEarly = await editor.inject({ method: 'POST', url: `/api/comments/${id}/addressed`, payload: { revision: 1 } });
    expect(tooEarly.statusCode).toBe(400);
    expect(tooEarly.json().error.field).toBe('revision');
    await editor.inject({ method: 'POST', url: `${section}/revisions`, payload: { baseRevision: 1, markdown: `${SAMPLE_MARKDOWN}\nBy 2027.\n`, summary: 'Adds a date' } });
    const marked = await editor.inject({ method: 'POST', url: `/api/comments/${id}/addressed`, payload: { revision: 2 } });
    expect(marked.json().comment).toMatchObject({ addressed: { revision: 2 }, anchor: null });
  });
});
