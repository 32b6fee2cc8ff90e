import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { findSection } from '../../server/features/consultations/consultations.repository';
import { requireConsultation } from '../../server/features/consultations/consultations.service';
import { publishRevision } from '../../server/commands/publish-revision';
import { useBrowserApp } from '../helpers/browser';
import { createActor } from '../helpers/users';

const SECTION_PATH = '/c/ideal-government-it/procurement';

const web = useBrowserApp();

async function signedInContext(): Promise<BrowserContext> {
  return web.signedIn(await createActor(web.app));
}

async function openSection(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${web.url}${SECTION_PATH}`);
  await page.getByRole('heading', { level: 2, name: /^Comments/ }).waitFor();
  await page.getByRole('status').filter({ hasText: 'Live' }).waitFor();
  return page;
}

describe('the live status in the header', () => {
  it('shows nothing on pages with nothing live, and a visible dot with "Live" on a section', async () => {
    const page = await web.browser.newPage();
    const status = page.locator('agora-live-status');
    await page.goto(web.url);
    await page.getByRole('link', { name: 'An ideal government IT strategy' }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(await status.innerText()).toBe('');

    await page.getByRole('link', { name: 'An ideal government IT strategy' }).click();
    await page.getByRole('link', { name: 'Procurement' }).first().click();
    await status.getByText('Live').waitFor();
    const dot = (await status.locator('.dot').boundingBox())!;
    expect(dot.width).toBeGreaterThanOrEqual(10);
    expect(dot.height).toBeGreaterThanOrEqual(10);

    await page.getByRole('link', { name: 'An ideal government IT strategy' }).click();
    await page.getByRole('heading', { level: 1, name: 'An ideal government IT strategy' }).waitFor();
    await expect.poll(() => status.innerText()).toBe('');
    await page.close();
  });
});

describe('live updates in the browser', () => {
  it('a comment posted in one page appears in another without a reload, and presence counts both', async () => {
    const reader = await openSection(await web.browser.newContext());
    const writer = await openSection(await signedInContext());
    await reader.getByText('2 people are reading this section.').waitFor();

    await writer.getByLabel('I support this').check();
    await writer.getByLabel('Your comment').fill('Smaller contracts would let local firms bid.');
    await writer.getByRole('button', { name: 'Post comment' }).click();

    await reader.getByText('Smaller contracts would let local firms bid.').waitFor();
    await expect.poll(() => reader.getByRole('heading', { level: 2, name: 'Comments (1)' }).count()).toBe(1);
  });

  it('a newly published revision shows a banner and updates the text without losing a half-written comment', async () => {
    const page = await openSection(await signedInContext());
    await page.getByLabel('Your comment').fill('A thought I have not finished');

    const consultation = await requireConsultation(web.app.db, 'ideal-government-it');
    const section = (await findSection(web.app.db, consultation.id, 'procurement'))!;
    await web.app.db.transaction().execute((trx) =>
      publishRevision(trx, { sectionId: section.id, markdown: 'Buy in smaller lots, openly.\n', summary: 'Shorter text', authorId: null }),
    );
    web.app.liveHub.wake();

    await page.getByText('A new version of this section was published: version 2, “Shorter text”.').waitFor();
    await page.getByRole('button', { name: 'Show the new version' }).click();
    await page.locator('article').getByText('Buy in smaller lots, openly.').waitFor();
    expect(await page.getByLabel('Your comment').inputValue()).toBe('A thought I have not finished');
  });
});
