import type { BrowserContext, Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accessibilityViolations, useBrowserApp } from '../helpers/browser';
import { type Actor, createActor } from '../helpers/users';

const web = useBrowserApp();

let context: BrowserContext;
let page: Page;
beforeEach(async () => {
  context = await web.browser.newContext();
  page = await context.newPage();
});
afterEach(async () => {
  await context.close();
});

const PASSWORD = 'velvet harbour compass 19';
const accountMenu = () => page.getByRole('navigation', { name: 'Account' });
const field = (label: string) => page.getByLabel(label, { exact: true });
/** Whether the error summary is the focused element (focus lives inside shadow roots). */
const summaryHasFocus = () => page.getByRole('alert').evaluate((summary) => (summary.getRootNode() as ShadowRoot).activeElement === summary);

/** Opens the page as `actor` by giving the browser their session cookie. */
async function openAs(actor: Actor, path: string): Promise<void> {
  await web.signedIn(actor, context);
  await page.goto(`${web.url}${path}`);
}

describe('accounts in the browser', () => {
  it('registers, signs out and signs in again, coming back to the page it started from', async () => {
    await page.goto(`${web.url}/c/ideal-government-it`);
    await accountMenu().getByRole('link', { name: 'Create an account' }).click();
    await page.getByRole('heading', { level: 1, name: 'Create an account' }).waitFor();
    await field('Username').fill('ada');
    await field('Your name').fill('Ada Lovelace');
    await field('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await accountMenu().getByText('Signed in as Ada Lovelace').waitFor();
    expect(page.url()).toBe(`${web.url}/c/ideal-government-it`);

    await accountMenu().getByRole('button', { name: 'Sign out' }).click();
    await accountMenu().getByRole('link', { name: 'Sign in' }).click();
    await field('Username').fill('ada');
    await field('Password').fill(PASSWORD);
    await field('Password').press('Enter');
    await accountMenu().getByText('Signed in as Ada Lovelace').waitFor();
    expect(page.url()).toBe(`${web.url}/c/ideal-government-it`);
  });

  it('shows an error summary that links to each field and keeps what was typed', async () => {
    await page.goto(`${web.url}/sign-in`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const summary = page.getByRole('alert');
    await summary.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await expect.poll(() => page.title(), { timeout: 10_000 }).toMatch(/^Error: Sign in/);
    expect(await summaryHasFocus()).toBe(true);
    expect(await summary.getByRole('link').allInnerTexts()).toEqual(['Enter your username.', 'Enter your password.']);
    expect(await accessibilityViolations(page)).toEqual([]);

    await field('Username').fill('someone');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => summary.getByRole('link').allInnerTexts()).toEqual(['Enter your password.']);
    expect(await field('Username').inputValue()).toBe('someone');
    expect(await field('Password').getAttribute('aria-invalid')).toBe('true');
    await summary.getByRole('link', { name: 'Enter your password.' }).click();
    expect(await field('Password').evaluate((input) => (input.getRootNode() as ShadowRoot).activeElement === input)).toBe(true);
  });

  it('has no accessibility violations on the sign-in and register pages', async () => {
    for (const path of ['/sign-in', '/register']) {
      await page.goto(`${web.url}${path}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await accountMenu().waitFor();
      expect(await accessibilityViolations(page), path).toEqual([]);
    }
    expect(await field('Password').getAttribute('autocomplete')).toBe('new-password');
    expect(await field('Username').getAttribute('autocomplete')).toBe('username');
  });

  it('lets an admin change a citizen’s role and block them with a reason', async () => {
    const admin = await createActor(web.app, 'admin');
    const citizen = await createActor(web.app, 'citizen', { username: 'bob' });
    await openAs(admin, '/');
    await accountMenu().getByRole('link', { name: 'Manage accounts' }).click();
    await page.getByRole('rowheader', { name: 'bob', exact: true }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);

    await field('Role for bob').selectOption('editor');
    await page.getByRole('button', { name: 'Change role for bob' }).click();
    await page.getByRole('status').getByText('bob is now an editor.').waitFor();
    const row = await web.app.db.selectFrom('users').select('role').where('id', '=', citizen.id).executeTakeFirstOrThrow();
    expect(row.role).toBe('editor');

    await page.getByRole('button', { name: 'Block bob' }).click();
    await page.getByRole('button', { name: 'Block account' }).click();
    await page.getByRole('alert').getByRole('link', { name: 'Enter the reason for blocking this account.' }).waitFor();
    await expect.poll(() => page.title(), { timeout: 10_000 }).toMatch(/^Error: /);
    await field('Reason for blocking bob').fill('Posting the same advert everywhere');
    await page.getByRole('button', { name: 'Block account' }).click();
    await page.getByRole('status').getByText('bob is blocked').waitFor();
    await expect.poll(() => page.title(), { timeout: 10_000 }).not.toMatch(/^Error: /);
    expect((await web.app.inject({ url: '/api/me', headers: { cookie: citizen.cookie } })).json().user).toBeNull();
  });

  it('tells someone who is not an admin that the page is for admins', async () => {
    const citizen = await createActor(web.app, 'citizen');
    await openAs(citizen, '/admin/users');
    await page.getByText('Only admins can manage accounts.').waitFor();
    expect(await page.getByRole('table').count()).toBe(0);
  });
});
