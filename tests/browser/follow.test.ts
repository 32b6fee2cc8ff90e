import type { BrowserContext } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { DEVICES, commentItem, expectSoundPage, press, useBrowserApp } from '../helpers/browser';
import { createActor } from '../helpers/users';

const SECTION_PATH = '/c/ideal-government-it/governance';
const COMMENTS_URL = '/api/consultations/ideal-government-it/sections/governance/comments';

const web = useBrowserApp();
let context: BrowserContext | undefined;
afterEach(async () => {
  await context?.close();
  context = undefined;
});

/**
 * Different words on each device: texts that differ in one word of a few ("… (desktop)" and
 * "… (phone)") are one campaign, shown as a single collapsed copy with no buttons of its own.
 */
const WORDS: Record<string, { section: string; thread: string; other: string }> = {
  desktop: { section: 'Who pays for the new data platform?', thread: 'Will the data be open to everyone?', other: 'Another thread about procurement rules' },
  phone: { section: 'How will councils share their staff?', thread: 'Can small suppliers bid for these contracts?', other: 'A separate point on accessibility testing' },
};

describe.each(DEVICES)('following a section on a $name', (device) => {
  it('follows in one press, hears of a new thread in the bell, and stops', async () => {
    const ann = await createActor(web.app, 'citizen');
    const bob = await createActor(web.app, 'citizen');
    context = await web.signedIn(ann, await web.browser.newContext(device.options));
    const page = await context.newPage();
    await page.goto(`${web.url}${SECTION_PATH}`);
    const follow = page.getByRole('button', { name: 'Follow this section' });
    await press(device, follow);
    const following = page.getByRole('button', { name: 'Following this section', pressed: true });
    await following.waitFor();
    await page.reload();
    await following.waitFor();

    await bob.inject({ method: 'POST', url: COMMENTS_URL, payload: { kind: 'question', body: WORDS[device.id]!.section } });
    const bell = page.getByRole('link', { name: /^Notifications \d+ unread$/ });
    await expect.poll(() => bell.evaluate((link) => link.textContent?.replace(/\s+/g, ' ').trim()), { timeout: 15_000 }).toBe('Notifications 1 unread');
    await expectSoundPage(page, `follow-${device.id}`);

    await press(device, following);
    await page.getByRole('button', { name: 'Follow this section', pressed: false }).waitFor();
    await page.reload();
    await page.getByRole('button', { name: 'Follow this section', pressed: false }).waitFor();
  });

  it('follows one thread in one press, hears of a reply in it in the bell, and stops', async () => {
    const [ann, bob, carol] = [await createActor(web.app, 'citizen'), await createActor(web.app, 'citizen'), await createActor(web.app, 'citizen')];
    const words = WORDS[device.id]!.thread;
    const thread = (await bob.inject({ method: 'POST', url: COMMENTS_URL, payload: { kind: 'question', body: words } })).json().comment;
    await bob.inject({ method: 'POST', url: COMMENTS_URL, payload: { kind: 'general', body: WORDS[device.id]!.other } });
    context = await web.signedIn(ann, await web.browser.newContext(device.options));
    const page = await context.newPage();
    await page.goto(`${web.url}${SECTION_PATH}`);
    const item = commentItem(page, words);
    await press(device, item.getByRole('button', { name: 'Follow this thread', pressed: false }));
    const following = item.getByRole('button', { name: 'Following this thread', pressed: true });
    await following.waitFor();
    // The state comes back with the comments: this thread only.
    await page.reload();
    await following.waitFor();
    await commentItem(page, WORDS[device.id]!.other).getByRole('button', { name: 'Follow this thread', pressed: false }).waitFor();

    await carol.inject({ method: 'POST', url: COMMENTS_URL, payload: { kind: 'general', body: 'Yes, every month.', parentId: thread.id } });
    const bell = page.getByRole('link', { name: /^Notifications \d+ unread$/ });
    await expect.poll(() => bell.evaluate((link) => link.textContent?.replace(/\s+/g, ' ').trim()), { timeout: 15_000 }).toBe('Notifications 1 unread');
    await expectSoundPage(page, `h1-follow-thread-${device.id}`);

    // The bell's page lists it, and everything followed.
    await press(device, bell);
    await page.getByRole('link', { name: /answered a question you follow/ }).waitFor();
    const followedThread = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'A thread in An ideal government IT strategy: Governance' }) });
    await followedThread.getByRole('button', { name: 'Following this thread', pressed: true }).waitFor();
    await expectSoundPage(page, `h1-follows-list-${device.id}`);

    await page.goBack();
    await press(device, following);
    await item.getByRole('button', { name: 'Follow this thread', pressed: false }).waitFor();
    await page.reload();
    await item.getByRole('button', { name: 'Follow this thread', pressed: false }).waitFor();
    await page.goto(`${web.url}/notifications`);
    await page.getByText('Nothing yet. Follow a section from its page, or a thread from its first comment.').waitFor();
  });
});
