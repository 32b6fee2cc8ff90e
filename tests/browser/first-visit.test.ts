import { describe, expect, it } from 'vitest';
import { postOk } from '../helpers/comments';
import { DEVICES, expectSoundPage, useBrowserApp } from '../helpers/browser';
import { createActor } from '../helpers/users';

const web = useBrowserApp();
const PAGE = '/c/ideal-government-it/governance';
const SECTION_API = '/api/consultations/ideal-government-it/sections/governance';
const FIRST_WORDS = 'Technology now shapes almost every public service.';

describe('a signed-out first visit to a section', () => {
  it('shows the section’s text without any script', async () => {
    const context = await web.browser.newContext({ ...DEVICES[0].options, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${web.url}${PAGE}`);
    await page.getByRole('heading', { level: 1, name: 'Governance' }).waitFor();
    await page.getByText(FIRST_WORDS).waitFor();
    expect(await page.title()).toBe('Governance — An ideal government IT strategy — Agora');
    await page.screenshot({ path: '/tmp/h2-first-visit-no-script.png', fullPage: true });
    await context.close();
  });

  for (const device of DEVICES) {
    it(`is taken over by the app without fetching the section again, and updates live (${device.name})`, async () => {
      const context = await web.browser.newContext(device.options);
      const page = await context.newPage();
      const sectionReads: string[] = [];
      page.on('request', (request) => {
        const { pathname } = new URL(request.url());
        if (pathname === SECTION_API || pathname === '/api/consultations/ideal-government-it') sectionReads.push(pathname);
      });
      // A comment before the visit: the live hub has read the event log up to the page's data
      // (content loaded into a running test server is not in its cursor until an event follows).
      const author = await createActor(web.app);
      await postOk(author, { body: `Posted before a first visit on the ${device.id}.` }, `${SECTION_API}/comments`);
      await page.goto(`${web.url}${PAGE}`);
      // The app's own parts of the page: the contents beside the text and the comments below it.
      await page.getByRole('navigation', { name: 'Contents' }).getByRole('link', { name: 'Recommendations' }).waitFor();
      await page.getByRole('heading', { name: /Comments/ }).first().waitFor();
      await expect.poll(() => page.locator('#agora-first-paint').count()).toBe(0);
      expect(await page.getByText(FIRST_WORDS).count()).toBe(1);
      expect(sectionReads).toEqual([]);
      await expect.poll(() => page.title()).toBe('Governance — An ideal government IT strategy — Agora');

      // The inline data's place in the event log: a comment posted now arrives live.
      await postOk(author, { body: `Posted while a first visitor reads, on the ${device.id}.` }, `${SECTION_API}/comments`);
      await page.getByText(`Posted while a first visitor reads, on the ${device.id}.`).waitFor();
      expect(sectionReads).toEqual([]);
      await expectSoundPage(page, `h2-first-visit-${device.id}`);
      await context.close();
    });
  }
});
