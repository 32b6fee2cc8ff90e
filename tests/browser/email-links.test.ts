import type { BrowserContext, Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { DEVICES, expectSoundPage, press, useBrowserApp } from '../helpers/browser';
import { linkMailedTo } from '../helpers/outbox';
import { createActor } from '../helpers/users';

const web = useBrowserApp();
let context: BrowserContext | undefined;
afterEach(async () => {
  await context?.close();
  context = undefined;
});

const COMMENTS_URL = '/api/consultations/ideal-government-it/sections/governance/comments';
const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });

describe.each(DEVICES)('links in emails on a $name', (device) => {
  it('confirms the email address given at registration from the emailed link', async () => {
    const username = `verifier-${device.id}`;
    const address = `${username}@example.org`;
    context = await web.browser.newContext(device.options);
    const page = await context.newPage();
    await page.goto(`${web.url}/register`);
    await field(page, 'Username').fill(username);
    await field(page, 'Your name').fill(`Vera ${device.id}`);
    await field(page, 'Email address (optional)').fill(address);
    await field(page, 'Password').fill('lantern meadow copper 71');
    await press(device, page.getByRole('button', { name: 'Create account' }));
    await page.getByRole('navigation', { name: 'Account' }).getByText('Signed in as').waitFor();

    // Opening the link changes nothing (mail scanners open links): the person presses the button.
    await page.goto(await linkMailedTo(web, address, '/verify-email'));
    await page.getByRole('heading', { level: 1, name: 'Confirm your email address' }).waitFor();
    const unconfirmed = () => web.app.db.selectFrom('users').select('email_verified_at').where('username', '=', username).executeTakeFirstOrThrow();
    expect((await unconfirmed()).email_verified_at).toBeNull();
    await press(device, page.getByRole('button', { name: 'Confirm my email address' }));
    await page.getByRole('status').getByText('Your email address is confirmed.').waitFor();
    await expectSoundPage(page, `h1-verify-email-${device.id}`);

    await page.goto(`${web.url}/account`);
    await page.getByText(`${address} — confirmed`).waitFor();
  });

  it('stops one kind of email from the unsubscribe link, without signing in', async () => {
    const [ann, bob] = [await createActor(web.app, 'citizen'), await createActor(web.app, 'citizen')];
    const address = `${ann.username}@example.org`;
    await web.app.db.updateTable('users').set({ email: address, email_verified_at: new Date().toISOString() }).where('id', '=', ann.id).execute();
    const mine = (await ann.inject({ method: 'POST', url: COMMENTS_URL, payload: { kind: 'general', body: `Mine, ${device.id}` } })).json().comment;
    await bob.inject({ method: 'POST', url: COMMENTS_URL, payload: { kind: 'general', body: 'A reply.', parentId: mine.id } });
    await web.app.notifications.flush();

    context = await web.browser.newContext(device.options);
    const page = await context.newPage();
    await page.goto(await linkMailedTo(web, address, '/unsubscribe'));
    await page.getByRole('heading', { level: 1, name: 'Stop these emails' }).waitFor();
    await press(device, page.getByRole('button', { name: 'Unsubscribe' }));
    await page.getByRole('status').getByText('You will get no more of these emails. (Replies to my comments)').waitFor();
    await expectSoundPage(page, `h1-unsubscribe-${device.id}`);
    const { preferences } = (await ann.inject({ method: 'GET', url: '/api/notifications/preferences' })).json();
    expect(preferences).toContainEqual(expect.objectContaining({ kind: 'comment_reply', delivery: 'off' }));

    // The email's other link leads to the settings, where the choice shows.
    await web.signedIn(ann, context);
    await page.goto(await linkMailedTo(web, address, '/notifications'));
    await page.getByRole('heading', { level: 2, name: 'What we email you' }).waitFor();
    await expect.poll(() => page.getByRole('group', { name: 'Replies to my comments' }).getByLabel('No email').isChecked()).toBe(true);
  });
});
