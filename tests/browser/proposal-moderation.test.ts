import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { accessibilityViolations, useBrowserApp } from '../helpers/browser';
import { DEVICES, type Device, newDeviceContext, press, scrollsSideways } from '../helpers/devices';
import { type Actor, createActor } from '../helpers/users';

const SECTION_API = '/api/consultations/ideal-government-it/sections/governance';

const web = useBrowserApp();
/** Whole journeys with several people and pages take longer than one request's test. */
const JOURNEY_TIMEOUT_MS = 180_000;

async function openAs(actor: Actor | null, device: Device, path: string): Promise<Page> {
  const context = await newDeviceContext(web.browser, device);
  if (actor) await web.signedIn(actor, context);
  const page = await context.newPage();
  await page.goto(`${web.url}${path}`);
  return page;
}

async function expectTidy(page: Page): Promise<void> {
  expect(await accessibilityViolations(page)).toEqual([]);
  expect(await scrollsSideways(page)).toBe(false);
}

async function proposeAs(author: Actor, summary: string): Promise<number> {
  const { revision } = (await web.app.inject(SECTION_API)).json().section;
  const payload = { baseRevision: revision.number, markdown: `${revision.markdown}\n${summary} — added.\n`, summary };
  const response = await author.inject({ method: 'POST', url: `${SECTION_API}/proposals`, payload });
  return response.json().proposal.id;
}

describe.each(DEVICES)('proposal moderation on a $name', (device) => {
  it('a citizen reports a proposal; a moderator hides it with a reason, the public sees only the reason, then it is restored', async () => {
    const summary = `Rude summary for ${device.name}`;
    const id = await proposeAs(await createActor(web.app), summary);

    const reader = await openAs(await createActor(web.app), device, `/p/${id}`);
    await reader.getByRole('heading', { level: 1, name: new RegExp(summary) }).waitFor();
    await press(reader, device, reader.getByRole('button', { name: 'Report this proposal' }));
    await press(reader, device, reader.getByRole('button', { name: 'Send report' }));
    await reader.getByRole('link', { name: 'Select why you are reporting this proposal' }).waitFor();
    await press(reader, device, reader.getByLabel('Abuse'));
    await press(reader, device, reader.getByRole('button', { name: 'Send report' }));
    await reader.getByText('Thank you. A moderator will look at this proposal.').waitFor();
    await reader.screenshot({ path: `/tmp/h3-proposal-reported-${device.name}.png`, fullPage: true });
    await expectTidy(reader);

    const moderator = await openAs(await createActor(web.app, 'moderator'), device, '/moderation');
    const entry = moderator.locator('agora-proposal-queue li', { hasText: summary });
    await entry.getByText('1 report:').waitFor();
    await expectTidy(moderator);
    await press(moderator, device, entry.getByRole('link', { name: `Proposed edit #${id}` }));
    await moderator.getByRole('heading', { level: 1, name: new RegExp(summary) }).waitFor();
    await press(moderator, device, moderator.getByRole('button', { name: 'Hide this proposal' }));
    await press(moderator, device, moderator.getByRole('button', { name: 'Hide proposal' }));
    await moderator.getByRole('link', { name: 'Enter the reason for hiding this proposal' }).waitFor();
    await moderator.getByLabel('Reason for hiding').fill('personal attack');
    await moderator.getByLabel('Reason for hiding').press('Enter');
    await moderator.getByText('Hidden by a moderator: personal attack').waitFor();
    await moderator.screenshot({ path: `/tmp/h3-proposal-hidden-${device.name}.png`, fullPage: true });
    await expectTidy(moderator);

    const visitor = await openAs(null, device, `/p/${id}`);
    await visitor.getByText(/Hidden by a moderator: personal attack/).waitFor();
    expect(await visitor.getByText(summary).count()).toBe(0);
    await expectTidy(visitor);
    await visitor.goto(`${web.url}/c/ideal-government-it/governance/proposals`);
    await visitor.getByText('Hidden by a moderator: personal attack').first().waitFor();
    expect(await visitor.getByText(summary).count()).toBe(0);
    await visitor.screenshot({ path: `/tmp/h3-proposal-list-hidden-${device.name}.png`, fullPage: true });
    await expectTidy(visitor);

    await press(moderator, device, moderator.getByRole('button', { name: 'Restore this proposal' }));
    await moderator.getByRole('button', { name: 'Hide this proposal' }).waitFor();
    expect(await moderator.getByText('Hidden by a moderator').count()).toBe(0);
    await visitor.goto(`${web.url}/p/${id}`);
    await visitor.getByRole('heading', { level: 1, name: new RegExp(summary) }).waitFor();
  }, JOURNEY_TIMEOUT_MS);

  it('a moderator hides a comment in a proposal’s discussion', async () => {
    const author = await createActor(web.app);
    const id = await proposeAs(author, `Plain summary for ${device.name}`);
    await author.inject({ method: 'POST', url: `/api/proposals/${id}/comments`, payload: { body: `Insult in the discussion on a ${device.name}` } });

    const moderator = await openAs(await createActor(web.app, 'moderator'), device, `/p/${id}`);
    const item = moderator.locator('agora-proposal-discussion li', { hasText: 'Insult in the discussion' });
    await press(moderator, device, item.getByRole('button', { name: 'Hide this comment' }));
    await item.getByLabel('Reason for hiding').fill('abuse');
    await press(moderator, device, item.getByRole('button', { name: 'Hide comment' }));
    await moderator.locator('agora-proposal-discussion').getByText('Hidden by a moderator: abuse').waitFor();
    await expectTidy(moderator);

    const visitor = await openAs(null, device, `/p/${id}`);
    await visitor.locator('agora-proposal-discussion').getByText('Hidden by a moderator: abuse').waitFor();
    expect(await visitor.getByText('Insult in the discussion').count()).toBe(0);
    await expectTidy(visitor);
  }, JOURNEY_TIMEOUT_MS);
});

describe.each(DEVICES)('the accounts page on a $name', (device) => {
  it('pages through accounts and finds one by searching', async () => {
    const prefix = `pager${device.name}`;
    for (let i = 0; i < 105; i++) await createActor(web.app, 'citizen', { username: `${prefix}${String(i).padStart(3, '0')}` });
    const page = await openAs(await createActor(web.app, 'admin'), device, '/admin/users');
    const rows = page.locator('agora-admin-users-page tbody tr');
    await page.getByRole('button', { name: 'Next page' }).waitFor();
    expect(await rows.count()).toBe(100);
    await expectTidy(page);

    await press(page, device, page.getByRole('button', { name: 'Next page' }));
    await page.getByText('Page 2').waitFor();
    await press(page, device, page.getByRole('button', { name: 'Previous page' }));
    await page.getByText('Page 1').waitFor();

    await press(page, device, page.getByLabel('Search accounts'));
    await page.keyboard.type(`${prefix}10`);
    await page.keyboard.press('Enter');
    await page.getByRole('rowheader', { name: `${prefix}104` }).waitFor();
    expect(await rows.count()).toBe(5);
    expect(await page.getByRole('button', { name: 'Next page' }).count()).toBe(0);
    await page.screenshot({ path: `/tmp/h3-admin-users-${device.name}.png`, fullPage: true });
    await expectTidy(page);

    await page.getByLabel('Search accounts').fill('nobody-has-this-name');
    await press(page, device, page.getByRole('button', { name: 'Search', exact: true }));
    await page.getByText('No accounts match “nobody-has-this-name”.').waitFor();
  }, JOURNEY_TIMEOUT_MS);
});
