import { beforeEach, describe, expect, it } from 'vitest';
import type { SectionCampaign } from '../../server/contracts/analysis';
import type { App } from '../../server/platform/fastify';
import { postOk, SECTION_URL } from '../helpers/comments';
import { createConsultation } from '../helpers/factories';
import { buildTestApp } from '../helpers/test-app';
import { type Actor, createActor } from '../helpers/users';

// Readers see campaigns on the section page (issue 19, point 1): one representative, the other
// copies collapsed under it with only the words that differ.

const BASE = '/api/consultations/test-consultation';

const TEMPLATE = (word: string, own = '') =>
  `${own}I ${word} object to handing the council IT contract to one national outsourcing company for ten years. Local firms employ local people and understand our services. Split the contract into smaller lots, publish every bid and keep an exit clause so the council is never locked in again.`;

let app: App;
let editor: Actor;
let moderator: Actor;

beforeEach(async () => {
  app = await buildTestApp();
  await createConsultation(app.db);
  editor = await createActor(app, 'editor');
  moderator = await createActor(app, 'moderator');
});

const respond = async (body: string) => (await postOk(await createActor(app), { kind: 'object', body })).id;
/** Signed out: the shared, cached read. */
const sectionCampaigns = async (): Promise<SectionCampaign[]> => {
  const response = await app.inject(`${SECTION_URL}/campaigns`);
  expect(response.statusCode).toBe(200);
  return response.json().campaigns;
};

describe('campaigns on the section page', () => {
  it('shows three near copies as one campaign of 3 with the words each copy changed, its own additions in full', async () => {
    const first = await respond(TEMPLATE('strongly'));
    const second = await respond(TEMPLATE('firmly'));
    const own = await respond(TEMPLATE('really', 'I run a small IT firm in the town and we were never asked to bid. '));
    const [campaign, ...rest] = await sectionCampaigns();
    expect(rest).toEqual([]);
    expect(campaign).toMatchObject({ size: 3, representativeId: first });
    expect(campaign!.variants.map((v) => v.id)).toEqual([second, own]);
    expect(campaign!.copyIds).toEqual([second, own]);
    expect(campaign!.variants[0]!.differs).toEqual([
      { change: 'removed', words: 'strongly' },
      { change: 'added', words: 'firmly' },
    ]);
    const added = campaign!.variants[1]!.differs.filter((d) => d.change === 'added').map((d) => d.words).join(' ');
    expect(added).toContain('run a small IT firm in the town and we were never asked to bid.');
  });

  it('counts only visible members: a hidden copy leaves the campaign, and a campaign of one is not shown', async () => {
    const first = await respond(TEMPLATE('strongly'));
    const second = await respond(TEMPLATE('firmly'));
    const third = await respond(TEMPLATE('really'));
    expect((await sectionCampaigns())[0]!.size).toBe(3);

    expect((await moderator.inject({ method: 'POST', url: `/api/comments/${third}/hide`, payload: { reason: 'spam' } })).statusCode).toBe(200);
    const [campaign] = await sectionCampaigns();
    expect(campaign).toMatchObject({ size: 2, representativeId: first });
    expect(campaign!.variants.map((v) => v.id)).toEqual([second]);
    expect((await app.inject(`${BASE}/campaigns`)).json().campaigns[0].size).toBe(2);
    expect((await app.inject(`${BASE}/campaigns/${campaign!.id}`)).json().size).toBe(2);

    // With its representative hidden too, one visible copy is no campaign at all.
    expect((await moderator.inject({ method: 'POST', url: `/api/comments/${first}/hide`, payload: { reason: 'spam' } })).statusCode).toBe(200);
    expect(await sectionCampaigns()).toEqual([]);
    expect((await app.inject(`${BASE}/campaigns`)).json().campaigns).toEqual([]);
  });

  it('moves on for readers when an analyst splits a copy out or joins two campaigns', async () => {
    const [a, b, c] = [await respond(TEMPLATE('strongly')), await respond(TEMPLATE('firmly')), await respond(TEMPLATE('really'))];
    const [campaign] = await sectionCampaigns();
    expect(campaign!.size).toBe(3);

    expect((await editor.inject({ method: 'POST', url: `${BASE}/campaigns/${campaign!.id}/split`, payload: { commentId: b } })).statusCode).toBe(204);
    const [afterSplit] = await sectionCampaigns();
    expect(afterSplit).toMatchObject({ id: campaign!.id, size: 2, representativeId: a });
    expect(afterSplit!.variants.map((v) => v.id)).toEqual([c]);
    expect(afterSplit!.copyIds).toEqual([c]);

    const open = (word: string) => `Publish the source code of every system the council pays for under an ${word} licence, so other councils can reuse it and residents can see how decisions about them are made.`;
    const [x, y] = [await respond(open('open')), await respond(open('free'))];
    const other = (await sectionCampaigns()).find((k) => k.representativeId === x)!;
    expect((await editor.inject({ method: 'POST', url: `${BASE}/campaigns/${campaign!.id}/join`, payload: { campaignId: other.id } })).statusCode).toBe(204);
    const joined = await sectionCampaigns();
    expect(joined).toHaveLength(1);
    expect(joined[0]).toMatchObject({ id: campaign!.id, size: 4, representativeId: a });
    expect(joined[0]!.variants.map((v) => v.id).sort((p, q) => p - q)).toEqual([c, x, y]);
  });

  it('answers 404 for a section that does not exist', async () => {
    expect((await app.inject(`${BASE}/sections/nowhere/campaigns`)).statusCode).toBe(404);
  });
});
