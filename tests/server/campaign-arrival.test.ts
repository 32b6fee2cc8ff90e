import { beforeEach, describe, expect, it } from 'vitest';
import type { CampaignDetail, CampaignSummary } from '../../server/contracts/analysis';
import { runnerFor } from '../../server/features/analysis/analysis-runner';
import type { App } from '../../server/platform/fastify';
import { postOk } from '../helpers/comments';
import { createConsultation } from '../helpers/factories';
import { buildTestApp } from '../helpers/test-app';
import { type Actor, createActor } from '../helpers/users';

// Campaigns grouped as responses arrive (issue 19, point 1): no analysis runs in these tests.

const BASE = '/api/consultations/test-consultation';

const LOCAL = (word: string, own = '') =>
  `${own}I ${word} object to handing the council IT contract to one national outsourcing company for ten years. Local firms employ local people and understand our services. Split the contract into smaller lots, publish every bid and keep an exit clause so the council is never locked in again.`;
const OPEN = (word: string) =>
  `Publish the source code of every system the council pays for under an ${word} licence, so other councils can reuse it and residents can see how decisions about them are made. Code paid for by the public should be public code.`;

let app: App;
let editor: Actor;

beforeEach(async () => {
  app = await buildTestApp();
  await createConsultation(app.db);
  editor = await createActor(app, 'editor');
});

const respond = async (body: string) => (await postOk(await createActor(app), { kind: 'object', body })).id;
const campaigns = async (): Promise<CampaignSummary[]> => (await app.inject(`${BASE}/campaigns`)).json().campaigns;
const detail = async (id: number): Promise<CampaignDetail> => (await app.inject(`${BASE}/campaigns/${id}`)).json();
const membersOf = async (id: number) => {
  const d = await detail(id);
  return [d.representative.id, ...d.members.map((m) => m.response.id)].sort((a, b) => a - b);
};

describe('campaigns grouped on arrival', () => {
  it('puts each near copy in its campaign as it is posted, with the first as representative', async () => {
    const first = await respond(LOCAL('strongly'));
    expect(await campaigns()).toEqual([]);
    const second = await respond(LOCAL('firmly'));
    const own = await respond(LOCAL('really', 'I run a small IT firm in the town and we were never asked to bid. '));
    const other = await respond(OPEN('open'));
    const [campaign, ...rest] = await campaigns();
    expect(rest).toEqual([]);
    expect(campaign).toMatchObject({ size: 3, representative: { id: first } });
    expect(await membersOf(campaign!.id)).toEqual([first, second, own]);
    const withOwnWords = (await detail(campaign!.id)).members.find((m) => m.response.id === own)!;
    expect(withOwnWords.changes.some((c) => c.change === 'added' && c.words.includes('small IT firm'))).toBe(true);
    expect(await membersOf(campaign!.id)).not.toContain(other);
  });

  it('never puts back a response a person split out, and adds new copies to a campaign a person joined', async () => {
    const [a, b, c] = [await respond(LOCAL('strongly')), await respond(LOCAL('firmly')), await respond(LOCAL('really'))];
    const [x, y] = [await respond(OPEN('open')), await respond(OPEN('free'))];
    const [local, open] = await campaigns();
    expect(await membersOf(local!.id)).toEqual([a, b, c]);
    expect(await membersOf(open!.id)).toEqual([x, y]);

    expect((await editor.inject({ method: 'POST', url: `${BASE}/campaigns/${local!.id}/split`, payload: { commentId: b } })).statusCode).toBe(204);
    expect((await editor.inject({ method: 'POST', url: `${BASE}/campaigns/${local!.id}/join`, payload: { campaignId: open!.id } })).statusCode).toBe(204);
    const d = await respond(LOCAL('utterly'));
    const z = await respond(OPEN('open source'));
    expect(await membersOf(local!.id)).toEqual([a, c, x, y, d, z]);
    expect((await campaigns()).map((campaign) => campaign.id)).toEqual([local!.id]);
  });

  it('groups answers to questions as they arrive too', async () => {
    const question = (await editor.inject({ method: 'POST', url: `${BASE}/questions`, payload: { section: 'governance', text: 'Who should run the council’s IT?' } })).json().question;
    const answer = async (body: string) => {
      const response = await (await createActor(app)).inject({ method: 'POST', url: `${BASE}/answers`, payload: { respondent: { type: 'individual' }, answers: [{ questionId: question.id, body }] } });
      expect(response.statusCode).toBe(201);
      return response.json().answers[0].comment.id as number;
    };
    const ids = [await answer(OPEN('open')), await answer(OPEN('free'))];
    const [campaign] = await campaigns();
    expect(await membersOf(campaign!.id)).toEqual(ids);
  });

  it('indexes the campaigns an analysis finds among older responses, so later copies join them on arrival', async () => {
    const older = [await respond(LOCAL('strongly')), await respond(LOCAL('firmly'))];
    // As if they had arrived before the index existed.
    await app.db.deleteFrom('analysis_campaign_bands').execute();
    await app.db.deleteFrom('analysis_responses').execute();
    await app.db.deleteFrom('analysis_campaigns').execute();
    expect(await campaigns()).toEqual([]);
    expect((await editor.inject({ method: 'POST', url: `${BASE}/analysis`, payload: {} })).statusCode).toBe(202);
    await runnerFor(app.db).idle();
    const [found] = await campaigns();
    expect(await membersOf(found!.id)).toEqual(older);
    const later = await respond(LOCAL('really'));
    expect(await membersOf(found!.id)).toEqual([...older, later]);
  });

  it('starts no campaign with a split-out response, and leaves replies out', async () => {
    const [a, b] = [await respond(LOCAL('strongly')), await respond(LOCAL('firmly'))];
    const [local] = await campaigns();
    expect((await editor.inject({ method: 'POST', url: `${BASE}/campaigns/${local!.id}/split`, payload: { commentId: a } })).statusCode).toBe(204);
    expect((await editor.inject({ method: 'POST', url: `${BASE}/campaigns/${local!.id}/split`, payload: { commentId: b } })).statusCode).toBe(204);
    expect(await campaigns()).toEqual([]);
    const reply = await postOk(await createActor(app), { kind: 'general', body: LOCAL('also'), parentId: a });
    expect(await campaigns()).toEqual([]);
    const c = await respond(LOCAL('really'));
    expect(await campaigns()).toEqual([]);
    const d = await respond(LOCAL('utterly'));
    const [fresh] = await campaigns();
    expect(await membersOf(fresh!.id)).toEqual([c, d]);
    expect(await membersOf(fresh!.id)).not.toContain(reply.id);
  });
});
