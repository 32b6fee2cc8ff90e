import { parse } from 'csv-parse/sync';
import { beforeEach, describe, expect, it} from 'vitest';
import type { AnalysisJob, CampaignDetail, CampaignSummary, Theme } from '../../server/contracts/analysis';
import type { App } from '../../server/platform/fastify';
import { runnerFor } from '../../server/features/analysis/analysis-runner';
import { labelledResponses } from '../fixtures/analysis/responses';
import { post } from '../helpers/comments';
import { createConsultation } from '../helpers/factories';
import { buildTestApp } from '../helpers/test-app';
import { type Actor, createActor } from '../helpers/users';

const BASE = '/api/consultations/test-consultation';
const fixture = labelledResponses(400);

let app: App;
let editor: Actor;

beforeEach(async () => {
  app = await buildTestApp();
  await createConsultation(app.db);
  editor = await createActor(app, 'editor');
});

/** Each response from its own person; an exact copy of an earlier one is refused (the duplicate check stays), so it is left out. */
const posted = new Map<number, (typeof fixture)[number]>();
async function respond(from: number, to: number): Promise<number[]> {
  const ids: number[] = [];
  for (const r of fixture.slice(from, to)) {
    const response = await post(await createActor(app), { kind: r.kind, body: r.text });
    expect([201, 409]).toContain(response.statusCode);
    if (response.statusCode === 409) expect(response.json().error.code).toBe('duplicate');
    else ids.push(response.json().comment.id), posted.set(response.json().comment.id, r);
  }
  return ids;
}
const postedIn = (ids: readonly number[], campaign: string) => ids.filter((id) => posted.get(id)!.campaign === campaign).length;

async function analyse(body: object = {}): Promise<AnalysisJob> {
  const started = await editor.inject({ method: 'POST', url: `${BASE}/analysis`, payload: body });
  expect(started.statusCode).toBe(202);
  await runnerFor(app.db).idle();
  return (await editor.inject({ method: 'GET', url: `${BASE}/analysis` })).json().job;
}

const themes = async (): Promise<Theme[]> => (await editor.inject({ method: 'GET', url: `${BASE}/themes` })).json().themes;

describe('response analysis through HTTP', () => {
  it('lets only editors and moderators start it, and never twice at once', async () => {
    await respond(0, 5);
    const citizen = await createActor(app);
    expect((await citizen.inject({ method: 'POST', url: `${BASE}/analysis`, payload: {} })).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: `${BASE}/analysis`, payload: {} })).statusCode).toBe(401);
    const first = await editor.inject({ method: 'POST', url: `${BASE}/analysis`, payload: {} });
    const second = await editor.inject({ method: 'POST', url: `${BASE}/analysis`, payload: {} });
    expect(first.statusCode).toBe(202);
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('analysis_running');
    await runnerFor(app.db).idle();
    expect((await editor.inject({ method: 'POST', url: `${BASE}/analysis`, payload: { themeCount: 1 } })).statusCode).toBe(400);
  });

  it('groups campaigns in a worker thread and shows each copy with only the words that differ', async () => {
    const ids = await respond(0, 120);
    const job = await analyse({ themeCount: 6 });
    expect(job).toMatchObject({ status: 'done', progress: 100, stage: 'done' });
    const campaigns: CampaignSummary[] = (await app.inject(`${BASE}/campaigns`)).json().campaigns;
    const keepItLocal = postedIn(ids, 'keep-it-local');
    expect(campaigns[0]!.size).toBe(keepItLocal);
    const detail: CampaignDetail = (await app.inject(`${BASE}/campaigns/${campaigns[0]!.id}`)).json();
    expect(detail.representative.body).toBe(fixture[0]!.text);
    expect(detail.members).toHaveLength(keepItLocal - 1);
    const changed = detail.members.find((m) => m.changes.length > 0)!;
    expect(changed.changes.every((c) => c.words.split(' ').length < 40)).toBe(true);
    expect(changed.response.body).not.toBe(detail.representative.body);
    expect(ids).toContain(changed.response.id);
  });

  it('keeps a split response out of its campaign and joins two campaigns on request, logging who did it', async () => {
    const ids = await respond(0, 120);
    await analyse({ themeCount: 6 });
    const [big, second] = (await app.inject(`${BASE}/campaigns`)).json().campaigns as CampaignSummary[];
    const detail: CampaignDetail = (await app.inject(`${BASE}/campaigns/${big!.id}`)).json();
    const out = detail.members[0]!.response.id;
    expect((await editor.inject({ method: 'POST', url: `${BASE}/campaigns/${big!.id}/split`, payload: { commentId: out } })).statusCode).toBe(204);
    expect((await editor.inject({ method: 'POST', url: `${BASE}/campaigns/${big!.id}/join`, payload: { campaignId: second!.id } })).statusCode).toBe(204);
    const later = await respond(120, 160);
    await analyse();
    const after: CampaignDetail = (await app.inject(`${BASE}/campaigns/${big!.id}`)).json();
    expect(big!.size).toBe(postedIn(ids, 'keep-it-local'));
    // New copies of either joined campaign's text join it as they arrive.
    const joinedText = posted.get(second!.representative.id)!.campaign!;
    expect(after.size).toBe(big!.size - 1 + second!.size + postedIn(later, 'keep-it-local') + postedIn(later, joinedText));
    expect([after.representative, ...after.members.map((m) => m.response)].some((r) => r.id === out)).toBe(false);
    const changes = (await editor.inject({ method: 'GET', url: `${BASE}/analysis/changes` })).json().changes;
    expect(changes.map((c: { action: string }) => c.action)).toEqual(['campaign.join', 'campaign.split']);
    expect(changes[0].actor).toMatch(/^Editor/);
  });

  it('proposes themes with key phrases, counts by kind and representatives; curation survives a re-run', async () => {
    await respond(0, 200);
    await analyse({ themeCount: 8 });
    const proposed = await themes();
    expect(proposed).toHaveLength(8);
    const [first, second] = proposed;
    expect(first!.keyPhrases.length).toBeGreaterThan(2);
    expect(first!.representatives.length).toBeGreaterThan(0);
    expect(Object.values(first!.kinds).reduce((a, b) => a + b, 0)).toBe(first!.size);
    const moved = second!.representatives[0]!.id;
    const patch = await editor.inject({ method: 'PATCH', url: `${BASE}/themes/${first!.id}`, payload: { label: 'Local suppliers', response: 'We will split the contract.' } });
    expect(patch.statusCode).toBe(204);
    expect((await editor.inject({ method: 'POST', url: `${BASE}/themes/${first!.id}/responses`, payload: { commentId: moved, from: second!.id } })).statusCode).toBe(204);
    const own = (await editor.inject({ method: 'POST', url: `${BASE}/themes`, payload: { label: 'Our own theme' } })).json().id;
    await respond(200, 260);
    await analyse();
    const after = await themes();
    expect(after.map((t) => t.id).sort()).toEqual([...proposed.map((t) => t.id), own].sort());
    const renamed = after.find((t) => t.id === first!.id)!;
    expect(renamed).toMatchObject({ label: 'Local suppliers', response: 'We will split the contract.' });
    expect(renamed.size).toBeGreaterThan(first!.size);
    const csv = (await editor.inject({ method: 'GET', url: `${BASE}/exports/comments.csv?scope=staff` })).body;
    const row = (parse(csv, { bom: true, columns: true }) as Record<string, string>[]).find((r) => Number(r.id) === moved)!;
    expect(row.themes!.split('; ')).toContain('Local suppliers');
    expect(row.themes!.split('; ')).not.toContain(second!.label);
  });

  it('merges and deletes themes and refuses a merge into itself', async () => {
    await respond(0, 100);
    await analyse({ themeCount: 4 });
    const [a, b, c] = await themes();
    expect((await editor.inject({ method: 'POST', url: `${BASE}/themes/${a!.id}/merge`, payload: { into: a!.id } })).statusCode).toBe(400);
    expect((await editor.inject({ method: 'POST', url: `${BASE}/themes/${b!.id}/merge`, payload: { into: a!.id } })).statusCode).toBe(204);
    expect((await editor.inject({ method: 'DELETE', url: `${BASE}/themes/${c!.id}` })).statusCode).toBe(204);
    const after = await themes();
    expect(after.map((t) => t.id)).not.toContain(b!.id);
    expect(after.map((t) => t.id)).not.toContain(c!.id);
    expect(after.find((t) => t.id === a!.id)!.size).toBeGreaterThanOrEqual(a!.size + b!.size - 10);
  });

  it('requeues a job a stopped process left running and runs it on start', async () => {
    await respond(0, 30);
    const consultation = await app.db.selectFrom('consultations').select('id').executeTakeFirstOrThrow();
    await app.db
      .insertInto('analysis_jobs')
      .values({ consultation_id: consultation.id, active_consultation_id: consultation.id, scope: 'consultation', scope_id: null, theme_count: 3, status: 'running', stage: 'grouping', error: null, requested_by: editor.id, created_at: new Date().toISOString(), started_at: null, finished_at: null })
      .execute();
    await runnerFor(app.db).start();
    await runnerFor(app.db).idle();
    const job = (await editor.inject({ method: 'GET', url: `${BASE}/analysis` })).json().job;
    expect(job.status).toBe('done');
    expect((await themes()).length).toBe(3);
  });
});
