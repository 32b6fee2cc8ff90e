import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { accessibilityViolations, useBrowserApp } from '../helpers/browser';
import { anchorOn, postOk } from '../helpers/comments';
import { createActor } from '../helpers/users';

interface Setup {
  section: string;
  first: [quote: string, now: string];
  second: [quote: string, now: string];
}
/** Each test works on its own section: the server (and its text) is shared by the whole file. */
const GOVERNANCE: Setup = { section: 'governance', first: ['should be normal practice', 'should be standard practice'], second: ['impact assessments', 'effect assessments'] };
const ARCHITECTURE: Setup = { section: 'architecture', first: ['is mostly invisible', 'is largely invisible'], second: ['hard and expensive', 'hard and costly'] };
const PROCUREMENT: Setup = { section: 'procurement', first: ['hard to manage', 'hard to run'], second: ['who is responsible', 'who is accountable'] };

const sectionApi = (setup: Setup): string => `/api/consultations/ideal-government-it/sections/${setup.section}`;
const sectionPath = (setup: Setup): string => `/c/ideal-government-it/${setup.section}`;

const web = useBrowserApp();

const VIEWPORTS = [
  { name: '1280 px with a mouse', setup: GOVERNANCE, options: { viewport: { width: 1280, height: 900 } }, touch: false },
  { name: '360 px touch', setup: ARCHITECTURE, options: { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true }, touch: true },
] as const;

/** Two comments whose quotes each lose a word in the next version, which also adds a copy of the first quote. */
async function unsurePlacements(setup: Setup): Promise<number[]> {
  const citizen = await createActor(web.app, 'citizen');
  const api = sectionApi(setup);
  const ids: number[] = [];
  for (const [quote, body] of [[setup.first[0], 'Make it a legal duty.'], [setup.second[0], 'Who decides this?']] as const) {
    ids.push((await postOk(citizen, { kind: 'object', body, anchor: await anchorOn(web.app, quote, api) }, `${api}/comments`)).id);
  }
  const editor = await createActor(web.app, 'editor');
  const current = (await web.app.inject(api)).json().section.revision;
  const markdown = `${current.markdown.replace(setup.first[0], setup.first[1]).replace(setup.second[0], setup.second[1])}\nAbove all, ${setup.first[0]}.\n`;
  const saved = await editor.inject({ method: 'POST', url: `${api}/revisions`, payload: { baseRevision: current.number, markdown, summary: 'Wording' } });
  expect(saved.statusCode, saved.body).toBe(201);
  return ids;
}

describe('an editor checks the comments re-anchoring was unsure of', () => {
  for (const { name, setup, options, touch } of VIEWPORTS) {
    it(`confirms one and orphans the other, one press each (${name})`, async () => {
      const [first, second] = await unsurePlacements(setup);
      const [FIRST, NOW] = setup.first;
      const [SECOND] = setup.second;
      const context = await web.signedIn(await createActor(web.app, 'editor'), await web.browser.newContext(options));
      const page = await context.newPage();
      const press = async (target: Locator): Promise<void> => {
        if (!touch) return target.click();
        await target.scrollIntoViewIfNeeded();
        const box = (await target.boundingBox())!;
        await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
      };
      await page.goto(`${web.url}${sectionPath(setup)}`);
      const review = page.locator('agora-anchor-review');
      await review.getByRole('heading', { name: 'Check these 2 comments' }).waitFor();
      const firstItem = review.getByRole('listitem').filter({ hasText: `“${FIRST}”` }).first();
      await firstItem.getByText(`“${NOW}”`).waitFor();
      await review.screenshot({ path: `/tmp/h5-anchor-review-${touch ? 'phone' : 'desktop'}.png` });

      await press(firstItem.getByRole('button', { name: 'Right place' }));
      await review.getByRole('heading', { name: 'Check this comment' }).waitFor();
      await review.getByRole('status').getByText('stays where it is').waitFor();

      const secondItem = review.getByRole('listitem').filter({ hasText: `“${SECOND}”` }).first();
      await press(secondItem.getByRole('button', { name: 'Passage is gone' }));
      await review.getByRole('heading').waitFor({ state: 'detached' });

      const anchors = (await web.app.inject(`${sectionApi(setup)}/anchors`)).json().anchors as { commentId: number; anchor: { state: string; exact: string } }[];
      expect(anchors.find((a) => a.commentId === first)!.anchor).toMatchObject({ state: 'moved', exact: NOW });
      expect(anchors.find((a) => a.commentId === second)!.anchor.state).toBe('orphaned');
      await noSidewaysScroll(page);
      expect(await accessibilityViolations(page)).toEqual([]);
      await context.close();
    });
  }

  it('re-points a comment to a look-alike passage offered in the list; citizens see no list', async () => {
    const [first] = await unsurePlacements(PROCUREMENT);
    const [FIRST] = PROCUREMENT.first;
    const citizenPage = await (await web.signedIn(await createActor(web.app, 'citizen'))).newPage();
    await citizenPage.goto(`${web.url}${sectionPath(PROCUREMENT)}`);
    await citizenPage.getByRole('heading', { level: 1, name: 'Procurement' }).waitFor();

    const page = await (await web.signedIn(await createActor(web.app, 'editor'))).newPage();
    await page.goto(`${web.url}${sectionPath(PROCUREMENT)}`);
    const review = page.locator('agora-anchor-review');
    const item = review.getByRole('listitem').filter({ hasText: `“${FIRST}”` }).first();
    await item.getByRole('button', { name: `“${FIRST}”` }).click();
    await review.getByRole('status').getByText(`now points at “${FIRST}”`).waitFor();
    const anchors = (await web.app.inject(`${sectionApi(PROCUREMENT)}/anchors`)).json().anchors as { commentId: number; anchor: { exact: string; method: string; suffix: string } }[];
    expect(anchors.find((a) => a.commentId === first)!.anchor).toMatchObject({ exact: FIRST, method: 'editor', suffix: '.' });
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(await citizenPage.locator('agora-anchor-review').getByRole('heading').count()).toBe(0);
    await citizenPage.close();
    await page.close();
  });
});

async function noSidewaysScroll(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth)).toBe(false);
}
