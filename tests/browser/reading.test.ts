import { describe, expect, it } from 'vitest';
import { accessibilityViolations, useBrowserApp } from '../helpers/browser';

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
});
