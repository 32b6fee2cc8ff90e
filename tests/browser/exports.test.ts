import fs from 'node:fs';
import type { BrowserContextOptions } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { accessibilityViolations, useBrowserApp } from '../helpers/browser';
import { createActor } from '../helpers/users';

const web = useBrowserApp();
const WIDTHS: [string, BrowserContextOptions][] = [
  ['1280 px with a mouse', { viewport: { width: 1280, height: 800 }, acceptDownloads: true }],
  ['360 px with touch', { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true, acceptDownloads: true }],
];

describe.each(WIDTHS)('downloading responses at %s', (_, options) => {
  it('gives anyone the public CSV, and an editor the staff one too', { timeout: 60_000 }, async () => {
    const visitor = await web.browser.newContext(options);
    const page = await visitor.newPage();
    await page.goto(`${web.url}/c/ideal-government-it`);
    await page.getByRole('heading', { name: 'Download the responses' }).waitFor();
    expect(await page.getByRole('link', { name: /with hidden and pending comments/ }).count()).toBe(0);
    const link = page.getByRole('link', { name: 'Comments and replies (CSV, for spreadsheets)' });
    const [download] = await Promise.all([page.waitForEvent('download'), options.hasTouch ? link.tap() : link.click()]);
    expect(download.suggestedFilename()).toBe('ideal-government-it-comments.csv');
    const csv = fs.readFileSync((await download.path())!, 'utf8');
    expect(csv.startsWith('\uFEFFid,section,section_title,kind')).toBe(true);
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await visitor.close();

    const editor = await web.signedIn(await createActor(web.app, 'editor'), await web.browser.newContext(options));
    const staffPage = await editor.newPage();
    await staffPage.goto(`${web.url}/c/ideal-government-it`);
    const staffLink = staffPage.getByRole('link', { name: 'Comments and replies (CSV, for spreadsheets), with hidden and pending comments and moderation reasons' });
    const [staffDownload] = await Promise.all([staffPage.waitForEvent('download'), options.hasTouch ? staffLink.tap() : staffLink.click()]);
    expect(staffDownload.suggestedFilename()).toBe('ideal-government-it-comments-staff.csv');
    expect(fs.readFileSync((await staffDownload.path())!, 'utf8').split('\r\n')[0]).toContain('status,hidden_reason,hidden_at,open_reports');
    await editor.close();
  });
});
