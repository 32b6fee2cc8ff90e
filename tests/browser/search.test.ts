import type { BrowserContextOptions, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { postOk } from '../helpers/comments';
import { accessibilityViolations, useBrowserApp } from '../helpers/browser';
import { createActor } from '../helpers/users';

const web = useBrowserApp();
const GOVERNANCE = '/api/consultations/ideal-government-it/sections/governance/comments';
const WIDTHS: [string, BrowserContextOptions][] = [
  ['1280 px with a mouse', { viewport: { width: 1280, height: 800 } }],
  ['360 px with touch', { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true }],
];

beforeAll(async () => {
  const citizen = await createActor(web.app, 'citizen', { username: 'searcher' });
  await postOk(citizen, { kind: 'evidence', body: 'Our library cut its <b>broadband</b> costs by half after switching.' }, GOVERNANCE);
  await postOk(citizen, { kind: 'support', body: 'Broadband for every village hall, please.' }, GOVERNANCE);
});

async function noSidewaysScroll(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
}

describe.each(WIDTHS)('searching at %s', (_, options) => {
  it('finds comments from the header box, filters them, and opens one in its section', { timeout: 60_000 }, async () => {
    const context = await web.browser.newContext(options);
    const page = await context.newPage();
    await page.goto(`${web.url}/c/ideal-government-it`);
    const box = page.getByRole('searchbox', { name: 'Search consultations and comments' });
    if (options.hasTouch) await box.tap();
    else await box.click();
    await page.keyboard.type('broadband');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 2, name: 'In comments' }).waitFor();
    const commentHits = page.getByRole('link', { name: / by / });
    expect(await commentHits.count()).toBe(2);
    // The author's markup is shown as text; only the matching word is marked.
    expect(await page.getByText('Our library cut its <b>broadband</b> costs').count()).toBe(1);
    expect(await page.locator('mark').first().innerText()).toMatch(/broadband/i);

    await page.getByLabel('Kind of comment').selectOption('evidence');
    await page.getByRole('button', { name: 'Search', exact: true }).last().click();
    await expect.poll(() => page.url()).toContain('kind=evidence');
    await expect.poll(() => commentHits.count()).toBe(1);
    expect(await accessibilityViolations(page)).toEqual([]);
    await noSidewaysScroll(page);
    await page.screenshot({ path: `/tmp/search-${options.viewport!.width}.png`, fullPage: true });

    const link = page.getByRole('link', { name: /Evidence by/ });
    if (options.hasTouch) await link.tap();
    else await link.click();
    await expect.poll(() => page.url()).toMatch(/\/c\/ideal-government-it\/governance#comment-\d+$/);
    await page.getByText('Our library cut its').first().waitFor();
    await context.close();
  });

  it('says so when nothing matches', async () => {
    const context = await web.browser.newContext(options);
    const page = await context.newPage();
    await page.goto(`${web.url}/search?q=${encodeURIComponent('"unbalanced AND -zebras')}`);
    await page.getByText('No results. Try other words or fewer filters.').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await noSidewaysScroll(page);
    await context.close();
  });
});
