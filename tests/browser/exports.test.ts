import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { type Device, DEVICES, expectSoundPage, press, useBrowserApp } from '../helpers/browser';
import { createActor } from '../helpers/users';

const web = useBrowserApp();

/** Downloads through the link named `name` as a person would, and returns the file's name and text. */
async function download(device: Device, page: Page, name: string): Promise<{ filename: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), press(device, page.getByRole('link', { name }))]);
  return { filename: file.suggestedFilename(), text: fs.readFileSync((await file.path())!, 'utf8') };
}

describe.each(DEVICES)('downloading responses on a $name', (device) => {
  it('gives anyone the public CSV, and an editor the staff one too', { timeout: 90_000 }, async () => {
    const visitor = await web.browser.newContext({ ...device.options, acceptDownloads: true });
    const page = await visitor.newPage();
    await page.goto(`${web.url}/c/ideal-government-it`);
    await page.getByRole('heading', { name: 'Download the responses' }).waitFor();
    expect(await page.getByRole('link', { name: /with hidden and pending comments/ }).count()).toBe(0);
    const open = await download(device, page, 'Comments and replies (CSV, for spreadsheets)');
    expect(open.filename).toBe('ideal-government-it-comments.csv');
    expect(open.text.startsWith('\uFEFFid,section,section_title,kind')).toBe(true);
    const [zip] = await Promise.all([page.waitForEvent('download'), press(device, page.getByRole('link', { name: /^Open data: all of the above in one ZIP/ }))]);
    expect(zip.suggestedFilename()).toBe('ideal-government-it-open-data.zip');
    // A ZIP archive starts with a local file header ("PK\x03\x04").
    expect(fs.readFileSync((await zip.path())!).subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    await expectSoundPage(page, `downloads-${device.id}`);
    await visitor.close();

    const editor = await web.signedIn(await createActor(web.app, 'editor'), await web.browser.newContext({ ...device.options, acceptDownloads: true }));
    const staffPage = await editor.newPage();
    await staffPage.goto(`${web.url}/c/ideal-government-it`);
    const staff = await download(device, staffPage, 'Comments and replies (CSV, for spreadsheets), with hidden and pending comments and moderation reasons');
    expect(staff.filename).toBe('ideal-government-it-comments-staff.csv');
    expect(staff.text.split('\r\n')[0]).toContain('status,hidden_reason,hidden_at,open_reports');
    await editor.close();
  });
});
