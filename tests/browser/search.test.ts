import { beforeAll, describe, expect, it } from 'vitest';
import { postOk } from '../helpers/comments';
import { DEVICES, expectSoundPage, press, useBrowserApp } from '../helpers/browser';
import { createActor } from '../helpers/users';

const web = useBrowserApp();
const GOVERNANCE = '/api/consultations/ideal-government-it/sections/governance/comments';

beforeAll(async () => {
  const citizen = await createActor(web.app, 'citizen', { username: 'searcher' });
  await postOk(citizen, { kind: 'evidence', body: 'Our library cut its <b>broadband</b> costs by half after switching.' }, GOVERNANCE);
  await postOk(citizen, { kind: 'support', body: 'Broadband for every village hall, please.' }, GOVERNANCE);
});

describe.each(DEVICES)('searching on a $name', (device) => {
  it('finds comments from the header box, filters them, and opens one in its section', { timeout: 90_000 }, async () => {
    const context = await web.browser.newContext(device.options);
    const page = await context.newPage();
    await page.goto(`${web.url}/c/ideal-government-it`);
    await press(device, page.getByRole('link', { name: 'Search consultations and comments' }));
    await press(device, page.getByRole('searchbox', { name: 'Words to find' }));
    await page.keyboard.type('broadband');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 2, name: 'In comments' }).waitFor();
    const commentHits = page.getByRole('link', { name: / by / });
    expect(await commentHits.count()).toBe(2);
    // The author's markup is shown as text; only the matching word is marked.
    expect(await page.getByText('Our library cut its <b>broadband</b> costs').count()).toBe(1);
    expect(await page.locator('mark').first().innerText()).toMatch(/broadband/i);

    await page.getByLabel('Kind of comment').selectOption('evidence');
    await press(device, page.getByRole('button', { name: 'Search', exact: true }).last());
    await expect.poll(() => page.url()).toContain('kind=evidence');
    await expect.poll(() => commentHits.count()).toBe(1);
    await expectSoundPage(page, `search-${device.id}`);

    await press(device, page.getByRole('link', { name: /Evidence by/ }));
    await expect.poll(() => page.url()).toMatch(/\/c\/ideal-government-it\/governance#comment-\d+$/);
    await page.getByText('Our library cut its').first().waitFor();
    await context.close();
  });

  it('says so when nothing matches', { timeout: 60_000 }, async () => {
    const context = await web.browser.newContext(device.options);
    const page = await context.newPage();
    await page.goto(`${web.url}/search?q=${encodeURIComponent('"unbalanced AND -zebras')}`);
    await page.getByText('No results. Try other words or fewer filters.').waitFor();
    await expectSoundPage(page, `search-nothing-${device.id}`);
    await context.close();
  });
});
