import { readFile } from 'node:fs/promises';
import type { BrowserContext } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { DEVICES, expectSoundPage, press, useBrowserApp } from '../helpers/browser';
import { createActor } from '../helpers/users';

const web = useBrowserApp();
let context: BrowserContext | undefined;
afterEach(async () => {
  await context?.close();
  context = undefined;
});

const COMMENTS_URL = '/api/consultations/ideal-government-it/sections/governance/comments';

describe.each(DEVICES)('my data and privacy on a $name', (device) => {
  it('lists my activity, downloads everything held about me as JSON, and explains what is kept', async () => {
    const [ann, bob] = [await createActor(web.app, 'citizen'), await createActor(web.app, 'citizen')];
    const words = `My view on governance, ${device.id}`;
    const mine = (await ann.inject({ method: 'POST', url: COMMENTS_URL, payload: { kind: 'general', body: words } })).json().comment;
    await bob.inject({ method: 'POST', url: COMMENTS_URL, payload: { kind: 'general', body: `A reply to Ann, ${device.id}`, parentId: mine.id } });
    context = await web.signedIn(ann, await web.browser.newContext({ ...device.options, acceptDownloads: true }));
    const page = await context.newPage();
    await page.goto(`${web.url}/account`);
    const activity = page.getByRole('region', { name: 'My activity' });
    await activity.getByRole('heading', { name: 'My comments (1)', exact: true }).waitFor();
    await activity.getByText(words).waitFor();
    await activity.getByText(`A reply to Ann, ${device.id}`).waitFor();

    const [download] = await Promise.all([page.waitForEvent('download'), press(device, page.getByRole('link', { name: 'Download everything we hold about you (JSON)' }))]);
    expect(download.suggestedFilename()).toBe(`agora-my-data-${ann.username}.json`);
    const data = JSON.stringify(JSON.parse(await readFile((await download.path())!, 'utf8')));
    expect(data).toContain(ann.username);
    expect(data).toContain(words);

    await press(device, page.getByRole('link', { name: 'How we use it' }));
    await page.getByRole('heading', { level: 1, name: 'Privacy: what we keep and why' }).waitFor();
    // The site's own settings, not defaults: the suite's app keeps events and idle sessions as configured.
    await page.getByText(`for ${web.app.config.eventRetentionDays} days (EVENT_RETENTION_DAYS) and then deleted`).waitFor();
    await page.getByText(`unused for ${web.app.config.sessionIdleDays} days (SESSION_IDLE_DAYS)`).waitFor();
    await expectSoundPage(page, `h1-privacy-${device.id}`);
    await page.goBack();
    await activity.getByRole('heading', { name: 'My comments (1)', exact: true }).waitFor();
    await expectSoundPage(page, `h1-my-data-${device.id}`);
  });
});
