import { beforeEach, describe, expect, it } from 'vitest';
import type { OutcomeReport } from '../../server/contracts/outcome';
import type { OutcomeDraft } from '../../server/contracts/outcome-themes';
import { runnerFor } from '../../server/features/analysis/analysis-runner';
import type { App } from '../../server/platform/fastify';
import { postOk } from '../helpers/comments';
import { createConsultation, SAMPLE_MARKDOWN } from '../helpers/factories';
import { buildTestApp } from '../helpers/test-app';
import { type Actor, createActor } from '../helpers/users';

// "You said, we did" (issue 19, point 4): the outcome by theme and the rules for publishing it.

const BASE = '/api/consultations/test-consultation';
let app: App;
let editor: Actor;

beforeEach(async () => {
  app = await buildTestApp();
  editor = await createActor(app, 'editor');
  await createConsultation(app.db, { sections: [{ slug: 'governance', title: 'Governance', markdown: SAMPLE_MARKDOWN }] });
  // The draft as consulted on dates from before the opening, so only later versions are "what changed".
  await app.db.updateTable('revisions').set({ created_at: '2020-01-01T00:00:00.000Z' }).execute();
});

const CYCLING = ['Build protected cycle lanes on the high street.', 'Cycle lanes would make my commute safer.', 'More cycle parking near the station, please.'];
const LIBRARIES = ['Keep the library open on Sundays.', 'The library needs longer opening hours.', 'Our library is where children do homework.'];

/** Each response from its own citizen; returns their ids in order. */
async function respond(texts: readonly string[], kind: 'support' | 'suggestion' | 'object' = 'suggestion'): Promise<number[]> {
  const ids: number[] = [];
  for (const body of texts) ids.push((await postOk(await createActor(app), { kind, body })).id);
  return ids;
}

const draft = async (): Promise<OutcomeDraft> => (await editor.inject({ method: 'GET', url: `${BASE}/outcome/themes` })).json();
const publish = () => editor.inject({ method: 'PUT', url: `${BASE}/outcome`, payload: { markdown: 'We listened.' } });
const close = () => editor.inject({ method: 'PATCH', url: BASE, payload: { closesAt: new Date().toISOString() } });

/** Analyses the responses, then curates: the engine's themes make way for two of the editor's, each response placed by hand. */
async function curatedThemes(cycling: readonly number[], libraries: readonly number[]) {
  expect((await editor.inject({ method: 'POST', url: `${BASE}/analysis`, payload: { themeCount: 2 } })).statusCode).toBe(202);
  await runnerFor(app.db).idle();
  for (const theme of (await draft()).themes) expect((await editor.inject({ method: 'DELETE', url: `${BASE}/themes/${theme.id}` })).statusCode).toBe(204);
  const theme = async (label: string, members: readonly number[]) => {
    const id: number = (await editor.inject({ method: 'POST', url: `${BASE}/themes`, payload: { label } })).json().id;
    for (const commentId of members) expect((await editor.inject({ method: 'POST', url: `${BASE}/themes/${id}/responses`, payload: { commentId } })).statusCode).toBe(204);
    return id;
  };
  return { cycling: await theme('Cycling', cycling), libraries: await theme('Libraries', libraries) };
}

async function publishVersion2(): Promise<void> {
  const edit = await editor.inject({ method: 'POST', url: `${BASE}/sections/governance/revisions`, payload: { baseRevision: 1, markdown: `${SAMPLE_MARKDOWN}\nCycle lanes come first.\n`, summary: 'Puts cycle lanes first' } });
  expect(edit.statusCode).toBe(201);
}

const answer = (themeId: number, response: string, revisionIds: number[] = []) => editor.inject({ method: 'PUT', url: `${BASE}/themes/${themeId}/outcome`, payload: { response, revisionIds } });

describe('publishing an outcome organised by theme', () => {
  it('waits for a response to every theme and for every response to be in a theme or listed as not themed', async () => {
    const cycling = await respond(CYCLING);
    const libraries = await respond(LIBRARIES, 'support');
    const themes = await curatedThemes(cycling, libraries);
    const [late] = await respond(['The consultation should have run longer.'], 'object');
    await publishVersion2();
    await close();

    const refused = await publish();
    expect(refused.statusCode).toBe(400);
    const fields = refused.json().error.details.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining([`theme-${themes.cycling}-response`, `theme-${themes.libraries}-response`, 'unsorted']));
    expect(refused.json().error.details.errors.find((e: { field: string }) => e.field === `theme-${themes.cycling}-response`).message).toContain('“Cycling”');
    expect(refused.json().error.details.errors.find((e: { field: string }) => e.field === 'unsorted').message).toContain(`#${late}`);

    const version2 = (await draft()).revisions.find((r) => r.number === 2)!;
    expect(version2).toMatchObject({ section: 'governance', sectionTitle: 'Governance', summary: 'Puts cycle lanes first' });
    expect((await answer(themes.cycling, 'We put **cycle lanes** first.', [version2.id])).statusCode).toBe(204);
    expect((await answer(themes.libraries, 'Sunday opening is funded from April.')).statusCode).toBe(204);
    const stillRefused = await publish();
    expect(stillRefused.statusCode).toBe(400);
    expect(stillRefused.json().error.details.errors.map((e: { field: string }) => e.field)).toEqual(['unsorted']);

    const before = await draft();
    expect(before.unsorted.responses.map((r) => r.id)).toEqual([late]);
    expect(before.themes.find((t) => t.id === themes.cycling)).toMatchObject({ response: 'We put **cycle lanes** first.', revisionIds: [version2.id], size: 3 });
    const listed = await editor.inject({ method: 'POST', url: `${BASE}/outcome/not-themed`, payload: {} });
    expect(listed.json()).toEqual({ listed: 1 });
    expect((await publish()).statusCode).toBe(200);

    const outcome: OutcomeReport = (await app.inject(`${BASE}/outcome`)).json();
    expect(outcome.themes.map((t) => [t.label, t.size])).toEqual([['Cycling', 3], ['Libraries', 3]]);
    const [cyclingTheme, librariesTheme] = outcome.themes;
    expect(cyclingTheme!.responseHtml).toContain('<strong>cycle lanes</strong>');
    expect(cyclingTheme!.revisions).toEqual([{ id: version2.id, section: 'governance', sectionTitle: 'Governance', number: 2, summary: 'Puts cycle lanes first' }]);
    expect(cyclingTheme!.kinds).toMatchObject({ suggestion: 3, support: 0, total: 3 });
    expect(librariesTheme!.kinds).toMatchObject({ support: 3, total: 3 });
    expect(cyclingTheme!.representatives.map((q) => q.id).every((id) => cycling.includes(id))).toBe(true);
    expect(cyclingTheme!.representatives[0]!.url).toMatch(/^\/c\/test-consultation\/governance#comment-\d+$/);
    expect(outcome.notThemed).toEqual({ total: 1, responses: [expect.objectContaining({ id: late, body: 'The consultation should have run longer.' })] });
  });

  it('quotes and counts only responses anyone may read: a hidden response is never shown, and needs no theme', async () => {
    const cycling = await respond(CYCLING);
    const libraries = await respond(LIBRARIES);
    const themes = await curatedThemes(cycling, libraries);
    const hidden = cycling[0]!;
    const moderator = await createActor(app, 'moderator');
    expect((await moderator.inject({ method: 'POST', url: `/api/comments/${hidden}/hide`, payload: { reason: 'spam' } })).statusCode).toBe(200);
    // A hidden response cannot be listed as not themed either.
    const refused = await editor.inject({ method: 'POST', url: `${BASE}/outcome/not-themed`, payload: { commentIds: [hidden] } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.field).toBe('commentIds');
    await answer(themes.cycling, 'Lanes.');
    await answer(themes.libraries, 'Libraries.');
    await close();
    expect((await publish()).statusCode).toBe(200);

    const outcome: OutcomeReport = (await app.inject(`${BASE}/outcome`)).json();
    const cyclingTheme = outcome.themes.find((t) => t.label === 'Cycling')!;
    expect(cyclingTheme.size).toBe(2);
    expect(cyclingTheme.kinds.total).toBe(2);
    expect(cyclingTheme.representatives.map((q) => q.id).sort()).toEqual(cycling.slice(1).sort());
    expect(JSON.stringify(outcome)).not.toContain(CYCLING[0]);
  });

  it('checks what an editor writes for a theme', async () => {
    const cycling = await respond(CYCLING);
    const themes = await curatedThemes(cycling, []);
    const empty = await answer(themes.cycling, '   ');
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.field).toBe('response');
    // Version 1 is the draft consulted on, not a change made because of what people said.
    const version1 = (await app.db.selectFrom('revisions').select('id').executeTakeFirstOrThrow()).id;
    const before = await answer(themes.cycling, 'We did.', [version1]);
    expect(before.statusCode).toBe(400);
    expect(before.json().error.field).toBe('revisionIds');
    const citizen = await createActor(app);
    expect((await citizen.inject({ method: 'PUT', url: `${BASE}/themes/${themes.cycling}/outcome`, payload: { response: 'Mine.', revisionIds: [] } })).statusCode).toBe(403);
    expect((await draft()).themes.find((t) => t.id === themes.cycling)!.response).toBeNull();
  });

  it('publishes a plain outcome as before when no analysis was run', async () => {
    await respond(CYCLING);
    await close();
    expect((await publish()).statusCode).toBe(200);
    const outcome: OutcomeReport = (await app.inject(`${BASE}/outcome`)).json();
    expect(outcome.themes).toEqual([]);
    expect(outcome.notThemed).toEqual({ total: 0, responses: [] });
  });
});
