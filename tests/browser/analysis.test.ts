import { describe, expect, it } from 'vitest';
import { DEVICES, expectSoundPage, press, useBrowserApp } from '../helpers/browser';
import { createActor } from '../helpers/users';
import { labelledResponses } from '../fixtures/analysis/responses';

const web = useBrowserApp();
const CONSULTATION = 'ideal-government-it';

/** Responses from 80 people, sent through the API (the journey is the analyst's, not theirs). */
let seeded = false;
async function seedResponses(): Promise<void> {
  if (seeded) return;
  seeded = true;
  const { consultation } = (await web.app.inject(`/api/consultations/${CONSULTATION}`)).json();
  const section = consultation.sections[0].slug;
  for (const r of labelledResponses(80)) {
    const person = await createActor(web.app);
    const sent = await person.inject({ method: 'POST', url: `/api/consultations/${CONSULTATION}/sections/${section}/comments`, payload: { kind: r.kind, body: r.text } });
    expect([201, 409]).toContain(sent.statusCode);
  }
}

describe.each(DEVICES)('analysing responses on a $name', (device) => {
  it('an editor starts an analysis, follows its progress, reads a campaign and renames a theme', { timeout: 180_000 }, async () => {
    await seedResponses();
    const context = await web.signedIn(await createActor(web.app, 'editor'), await web.browser.newContext(device.options));
    const page = await context.newPage();
    await page.goto(`${web.url}/c/${CONSULTATION}`);
    await press(device, page.getByRole('link', { name: 'Analyse the responses: campaigns and themes' }));
    await page.getByRole('heading', { name: 'Response analysis' }).waitFor();

    await press(device, page.getByLabel(/Number of themes/));
    await page.keyboard.type('5');
    await press(device, page.getByRole('button', { name: 'Start analysis' }));
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Finished' }).count(), { timeout: 120_000 }).toBe(1);

    const campaign = page.locator('agora-campaign-list article').first();
    await expect.poll(() => campaign.getByRole('heading', { name: /people sent this text/ }).count()).toBe(1);
    await press(device, campaign.getByRole('button', { name: /Show the \d+ copies/ }));
    await expect.poll(() => campaign.getByText(/Read response \d+ in full/).count()).toBeGreaterThan(0);
    await press(device, campaign.getByText(/Read response \d+ in full/).first());
    await expect.poll(() => campaign.locator('details[open]').count()).toBe(1);

    const theme = page.locator('agora-theme-list article').first();
    const nameField = theme.getByLabel('Theme name');
    await press(device, nameField);
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type(`Keep IT local (${device.id})`);
    await press(device, theme.getByRole('button', { name: 'Rename' }));
    await expect.poll(() => page.getByRole('heading', { name: `Keep IT local (${device.id})` }).count()).toBe(1);
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Theme renamed.' }).count()).toBe(1);

    await expectSoundPage(page, `analysis-${device.id}`);
    await context.close();
  });
});
