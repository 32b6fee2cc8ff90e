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

const NEW_PASSWORD = 'saffron kettle orchard 58';
const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });

describe.each(DEVICES)('account journeys on a $name', (device) => {
  it('resets a forgotten password from the emailed link, then signs in with it', async () => {
    const ann = await createActor(web.app, 'citizen');
    const address = `${ann.username}@example.org`;
    await web.app.db.updateTable('users').set({ email: address }).where('id', '=', ann.id).execute();
    context = await web.browser.newContext(device.options);
    const page = await context.newPage();
    await page.goto(`${web.url}/sign-in`);
    await press(device, page.getByRole('link', { name: 'Forgotten your password?' }));
    await page.getByRole('heading', { level: 1, name: 'Reset your password' }).waitFor();
    await field(page, 'Email address').fill(address);
    await press(device, page.getByRole('button', { name: 'Send the link' }));
    await page.getByRole('status').getByText('If an account has that email address').waitFor();
    await expectSoundPage(page, `h5-forgot-${device.id}`);

    await page.goto(await linkMailedTo(web, address, '/reset-password'));
    await field(page, 'New password').fill(NEW_PASSWORD);
    await press(device, page.getByRole('button', { name: 'Set the new password' }));
    await page.getByRole('heading', { name: 'Your password is changed' }).waitFor();
    await expectSoundPage(page, `h5-reset-${device.id}`);

    await press(device, page.getByRole('link', { name: 'Sign in' }).last());
    await field(page, 'Username').fill(ann.username);
    await field(page, 'Password').fill(NEW_PASSWORD);
    await field(page, 'Password').press('Enter');
    await page.getByRole('navigation', { name: 'Account' }).getByText('Signed in as').waitFor();
  });

  it('shows a reply in the bell live, and lists it on the notifications page', async () => {
    const ann = await createActor(web.app, 'citizen');
    const bob = await createActor(web.app, 'citizen');
    const url = '/api/consultations/ideal-government-it/sections/governance/comments';
    const mine = (await ann.inject({ method: 'POST', url, payload: { kind: 'general', body: `A thought from ${device.id}` } })).json().comment;
    context = await web.signedIn(ann, await web.browser.newContext(device.options));
    const page = await context.newPage();
    await page.goto(`${web.url}/`);
    const bell = page.getByRole('link', { name: /^Notifications \d+ unread$/ });
    const bellName = () => bell.evaluate((link) => link.textContent?.replace(/\s+/g, ' ').trim());
    await expect.poll(bellName).toBe('Notifications 0 unread');
    expect((await bob.inject({ method: 'POST', url, payload: { kind: 'general', body: 'A reply to you', parentId: mine.id } })).statusCode).toBe(201);
    await expect.poll(bellName, { timeout: 15_000 }).toBe('Notifications 1 unread');
    await press(device, bell);
    await page.getByRole('link', { name: /replied to your comment/ }).waitFor();
    await expectSoundPage(page, `h5-notifications-${device.id}`);
    await press(device, page.getByRole('button', { name: 'Mark all as read' }));
    await expect.poll(bellName).toBe('Notifications 0 unread');
  });

  it('deletes the account from the account page, removing the comments when asked', async () => {
    const ann = await createActor(web.app, 'citizen');
    const url = '/api/consultations/ideal-government-it/sections/governance/comments';
    const mine = (await ann.inject({ method: 'POST', url, payload: { kind: 'general', body: `Soon gone, ${device.id}` } })).json().comment;
    context = await web.signedIn(ann, await web.browser.newContext(device.options));
    const page = await context.newPage();
    await page.goto(`${web.url}/account`);
    await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
    await page.getByRole('link', { name: 'Governance' }).first().waitFor();
    await expectSoundPage(page, `h5-account-${device.id}`);
    await press(device, page.getByLabel('Remove them too'));
    await field(page, 'Your password, to confirm').fill('correct horse battery staple');
    await press(device, page.getByRole('button', { name: 'Delete my account' }));
    await page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Sign in' }).waitFor();
    const row = await web.app.db.selectFrom('comments').select(['status', 'body']).where('id', '=', mine.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'deleted', body: '' });
  });
});
