import { describe, expect, it } from 'vitest';
import { accessibilityViolations, DEVICES, scrollsSideways, useBrowserApp } from '../helpers/browser';
import { createActor } from '../helpers/users';

const web = useBrowserApp();

describe('reading a consultation in the browser', () => {
  it('goes from the list to a section and shows its text, contents and phase', async () => {
    const page = await web.browser.newPage();
    await page.goto(web.url);
    await page.getByRole('link', { name: 'An ideal government IT strategy' }).click();
    await expect.poll(() => page.url()).toBe(`${web.url}/c/ideal-government-it`);
    await page.getByRole('link', { name: 'Governance' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Governance' }).waitFor();
    await expect.poll(() => page.title()).toContain('Governance');
    const text = await page.locator('article').innerText();
    expect(text).toContain('Key principles');
    expect(await page.getByRole('navigation', { name: 'Contents' }).getByRole('link', { name: 'Recommendations' }).count()).toBe(1);
    expect(await page.getByText('Open for comments').count()).toBeGreaterThan(0);
    await page.close();
  });

  it('loads a section directly from its URL (reload works) with no accessibility violations', async () => {
    const page = await web.browser.newPage();
    await page.goto(`${web.url}/c/ideal-government-it/procurement`);
    await page.getByRole('heading', { level: 1, name: 'Procurement' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.goto(`${web.url}/c/ideal-government-it`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.close();
  });

  it('shows a clear page for an unknown consultation', async () => {
    const page = await web.browser.newPage();
    await page.goto(`${web.url}/c/no-such-thing`);
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    await page.close();
  });

  it('numbers only top-level headings in the contents, with sub-headings in their own list', async () => {
    const page = await web.browser.newPage();
    await page.goto(`${web.url}/c/ideal-government-it/governance`);
    const contents = page.getByRole('navigation', { name: 'Contents' });
    const recommendations = contents.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'Recommendations', exact: true }) });
    await recommendations.getByRole('list').getByRole('link', { name: 'Things to do' }).waitFor();
    expect(await contents.getByRole('list').first().locator(':scope > li').allInnerTexts()).toEqual([expect.stringMatching(/^Key principles/), expect.stringMatching(/^Recommendations/), expect.stringMatching(/^Questions for respondents/)]);
    await page.close();
  });

  it('on a phone, puts the section text before the contents and the list of sections', async () => {
    const context = await web.browser.newContext(DEVICES[1].options);
    const page = await context.newPage();
    await page.goto(`${web.url}/c/ideal-government-it/governance`);
    // The server's first view has the text but no contents; measure the app's page once it has taken over.
    await page.getByRole('navigation', { name: 'Contents' }).waitFor();
    await expect.poll(() => page.locator('article').count()).toBe(1);
    const text = (await page.locator('article').boundingBox())!;
    const contents = (await page.getByRole('navigation', { name: 'Contents' }).boundingBox())!;
    expect(text.y).toBeLessThan(contents.y);
    expect(text.y).toBeLessThan(740);
    await context.close();
  });

  it('scrolls no page sideways at 320 px', async () => {
    const admin = await createActor(web.app, 'admin');
    const context = await web.signedIn(admin, await web.browser.newContext({ viewport: { width: 320, height: 640 }, hasTouch: true, isMobile: true }));
    const page = await context.newPage();
    const section = '/c/ideal-government-it/governance';
    const paths = ['/', '/c/ideal-government-it', section, `${section}/history`, `${section}/history/1`, `${section}/proposals`, `${section}/propose`, `${section}/edit`, '/moderation', '/moderation/log', '/admin/users', '/c/local-public-services', '/c/local-public-services/focus-on-outcomes'];
    for (const path of paths) {
      await page.goto(`${web.url}${path}`);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await page.waitForLoadState('networkidle');
      expect(await scrollsSideways(page), path).toBe(false);
    }
    await context.close();
  });

  it('signed out, asks nothing it cannot answer: no failed request and no console error', async () => {
    const page = await web.browser.newPage();
    const problems: string[] = [];
    page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
    page.on('response', (response) => response.status() >= 400 && problems.push(`${response.status()} ${response.url()}`));
    for (const path of ['/', '/c/ideal-government-it', '/c/ideal-government-it/governance', '/c/ideal-government-it/governance/proposals', '/sign-in']) {
      await page.goto(`${web.url}${path}`);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await page.waitForLoadState('networkidle');
    }
    expect(problems).toEqual([]);
    await page.close();
  });

  it('signed out, the proposals list links to signing in to suggest an edit', async () => {
    const page = await web.browser.newPage();
    await page.goto(`${web.url}/c/ideal-government-it/governance/proposals`);
    const link = page.getByRole('link', { name: 'Sign in to suggest an edit' });
    await link.click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(new URL(page.url()).searchParams.get('next')).toBe('/c/ideal-government-it/governance/propose');
    await page.close();
  });

  it('a closed consultation says it is closed: no offer to suggest edits, no "No comments yet", no date after closing', async () => {
    const page = await web.browser.newPage();
    await page.goto(`${web.url}/c/local-public-services/focus-on-outcomes`);
    await page.getByRole('heading', { level: 1, name: 'Focus on outcomes' }).waitFor();
    await page.getByText('This consultation closed on 31 March 2025.').waitFor();
    expect(await page.getByText('Sign in to suggest an edit').count()).toBe(0);
    expect(await page.getByText('No comments yet').count()).toBe(0);
    await page.getByText('No comments were posted on this section here.').waitFor();
    await page.getByRole('link', { name: 'The published outcome' }).click();
    await page.getByRole('heading', { level: 2, name: /^Outcome published/ }).waitFor();
    const sections = await page.getByRole('list').filter({ hasText: 'Focus on outcomes' }).innerText();
    expect(sections).toContain('updated 6 January 2025');
    expect(sections).not.toMatch(/20(26|27)/);
    await page.close();
  });
});
