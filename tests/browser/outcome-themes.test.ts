import { describe, expect, it } from 'vitest';
import { runnerFor } from '../../server/features/analysis/analysis-runner';
import { DEVICES, expectSoundPage, press, useBrowserApp } from '../helpers/browser';
import { createConsultation, SAMPLE_MARKDOWN } from '../helpers/factories';
import { type Actor, createActor } from '../helpers/users';

// "You said, we did": an editor answers each theme of the responses, links the version that changed
// because of it and publishes; a citizen reads the outcome theme by theme. The responses, their
// analysis and the editor's two themes are set up through the API (that journey is the analyst's).

const web = useBrowserApp();
const DAY = 24 * 60 * 60 * 1000;
const CYCLING = ['Build protected cycle lanes on the high street.', 'Cycle lanes would make my commute safer.', 'More cycle parking near the station, please.'];
const LIBRARIES = ['Keep the library open on Sundays.', 'The library needs longer opening hours.'];
const LATE = 'The consultation should have run for longer.';

async function consultationWithThemes(slug: string, editor: Actor): Promise<void> {
  const base = `/api/consultations/${slug}`;
  await createConsultation(web.app.db, { slug, title: 'Streets and libraries', opensAt: new Date(Date.now() - 10 * DAY).toISOString(), sections: [{ slug: 'governance', title: 'Governance', markdown: SAMPLE_MARKDOWN }] });
  await web.app.db.updateTable('revisions').set({ created_at: new Date(Date.now() - 20 * DAY).toISOString() }).where('summary', '=', 'First published text').execute();
  const respond = async (body: string, kind: string) => (await (await createActor(web.app)).inject({ method: 'POST', url: `${base}/sections/governance/comments`, payload: { kind, body } })).json().comment.id as number;
  const cycling = [];
  for (const text of CYCLING) cycling.push(await respond(text, 'suggestion'));
  const libraries = [];
  for (const text of LIBRARIES) libraries.push(await respond(text, 'support'));
  expect((await editor.inject({ method: 'POST', url: `${base}/analysis`, payload: { themeCount: 2 } })).statusCode).toBe(202);
  await runnerFor(web.app.db).idle();
  for (const theme of (await editor.inject({ method: 'GET', url: `${base}/themes` })).json().themes) await editor.inject({ method: 'DELETE', url: `${base}/themes/${theme.id}` });
  for (const [label, members] of [['Cycling', cycling], ['Libraries', libraries]] as const) {
    const id = (await editor.inject({ method: 'POST', url: `${base}/themes`, payload: { label } })).json().id;
    for (const commentId of members) await editor.inject({ method: 'POST', url: `${base}/themes/${id}/responses`, payload: { commentId } });
  }
  await respond(LATE, 'object');
  await editor.inject({ method: 'POST', url: `${base}/sections/governance/revisions`, payload: { baseRevision: 1, markdown: `${SAMPLE_MARKDOWN}\nCycle lanes come first.\n`, summary: 'Puts cycle lanes first' } });
  await editor.inject({ method: 'PATCH', url: base, payload: { closesAt: new Date().toISOString() } });
}

describe.each(DEVICES)('"you said, we did" on a $name', (device) => {
  it('an editor answers each theme and publishes; a citizen reads the outcome by theme', { timeout: 180_000 }, async () => {
    const slug = `by-theme-${device.id}-${Date.now()}`; // a retry starts afresh
    const editor = await createActor(web.app, 'editor');
    await consultationWithThemes(slug, editor);

    const context = await web.signedIn(editor, await web.browser.newContext(device.options));
    const page = await context.newPage();
    await page.goto(`${web.url}/c/${slug}/manage`);
    await press(device, page.getByRole('link', { name: 'Publish the outcome' }));
    await page.getByRole('heading', { level: 2, name: 'What people said, by theme' }).waitFor();
    await press(device, page.getByLabel('The outcome', { exact: true }));
    await page.keyboard.type('We read every response.');
    await press(device, page.getByRole('button', { name: 'Publish the outcome' }));

    // Refused: the summary names each theme without a response and the response in no theme.
    const summary = page.locator('agora-error-summary');
    await summary.getByRole('link', { name: 'Write the response to the theme “Cycling”.' }).waitFor();
    await summary.getByRole('link', { name: 'Write the response to the theme “Libraries”.' }).waitFor();
    await summary.getByRole('link', { name: /1 response is in no theme/ }).waitFor();
    await expect.poll(() => page.title()).toMatch(/^Error: /);

    await press(device, summary.getByRole('link', { name: 'Write the response to the theme “Cycling”.' }));
    const cycling = page.locator('section.theme', { has: page.getByRole('heading', { name: 'Cycling' }) });
    // The link took focus to the theme's response field.
    await expect.poll(() => cycling.getByLabel('Our response to “Cycling”').evaluate((field) => (field.getRootNode() as ShadowRoot).activeElement === field)).toBe(true);
    await page.keyboard.type('We put **cycle lanes** first in the plan.');
    await press(device, cycling.getByLabel('Governance, version 2: Puts cycle lanes first'));
    await press(device, cycling.getByRole('button', { name: 'Save the response to “Cycling”' }));
    await cycling.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();

    const libraries = page.locator('section.theme', { has: page.getByRole('heading', { name: 'Libraries' }) });
    await press(device, libraries.getByLabel('Our response to “Libraries”'));
    await page.keyboard.type('Libraries open on Sundays from April.');
    await press(device, libraries.getByRole('button', { name: 'Save the response to “Libraries”' }));
    await libraries.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();

    await press(device, page.getByRole('button', { name: 'List 1 response as not themed' }));
    await page.getByText('Every response is in a theme or listed as not themed.').waitFor();
    await expectSoundPage(page, `h3-outcome-editor-${device.id}`);
    await press(device, page.getByRole('button', { name: 'Publish the outcome' }));
    await page.getByRole('heading', { level: 1, name: 'Outcome: Streets and libraries' }).waitFor();
    await context.close();

    const visitor = await (await web.browser.newContext(device.options)).newPage();
    await visitor.goto(`${web.url}/c/${slug}`);
    await press(device, visitor.getByRole('link', { name: 'The outcome' }));
    await visitor.getByRole('heading', { level: 2, name: 'What you said, and what we did' }).waitFor();
    const theme = visitor.locator('section.theme', { has: visitor.getByRole('heading', { level: 3, name: 'Cycling' }) });
    await theme.getByText('3 responses: 3 suggestions').waitFor();
    await theme.locator('blockquote', { hasText: CYCLING[0]! }).getByRole('link', { name: /suggestion \(response \d+\)/ }).waitFor();
    expect(await theme.locator('strong', { hasText: 'cycle lanes' }).count()).toBe(1);
    const version = theme.getByRole('link', { name: 'Governance, version 2' });
    expect(await version.getAttribute('href')).toBe(`/c/${slug}/governance/history/2`);
    await visitor.locator('section.theme', { hasText: 'Not themed' }).getByText(LATE).waitFor();
    await expectSoundPage(visitor, `h3-outcome-by-theme-${device.id}`);
    await press(device, version);
    await visitor.getByRole('heading', { level: 1, name: 'Governance: version 2' }).waitFor();
    await visitor.context().close();
  });
});
