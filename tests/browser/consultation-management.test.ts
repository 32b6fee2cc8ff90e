import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { type Device, DEVICES, expectSoundPage, press, useBrowserApp } from '../helpers/browser';
import { focused } from '../helpers/real-input';
import { createActor } from '../helpers/users';

// An admin sets a consultation up from nothing, an editor runs it to its outcome: every form with
// real input (mouse on a desktop, touch on a phone, the keyboard where people use it).

const web = useBrowserApp();

/** The browser's own "now" as a datetime-local value (the form works in the person's time zone). */
const localNow = (page: Page) =>
  page.evaluate(() => {
    const d = new Date();
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
  });

async function addSection(device: Device, page: Page, title: string, slug: string, text: string): Promise<void> {
  await page.getByLabel('Title', { exact: true }).fill(title);
  await page.getByLabel('Web address').fill(slug);
  await page.getByLabel('Text of the section').fill(text);
  await press(device, page.getByRole('button', { name: 'Add the section' }));
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
}

describe.each(DEVICES)('running a consultation on a $name', (device) => {
  it('an admin creates one, adds, renames, reorders and retires sections, closes it and publishes the outcome', { timeout: 180_000 }, async () => {
    const slug = `digital-${device.id}`;
    const context = await web.signedIn(await createActor(web.app, 'admin'), await web.browser.newContext(device.options));
    const page = await context.newPage();
    await page.goto(web.url);
    await press(device, page.getByRole('link', { name: 'Run consultations' }));
    await page.getByRole('heading', { level: 1, name: 'Run consultations' }).waitFor();
    await press(device, page.getByRole('link', { name: 'Create a consultation' }));
    await page.getByRole('heading', { level: 1, name: 'Create a consultation' }).waitFor();

    // Nothing filled in: every field is named in the summary, which takes focus.
    await press(device, page.getByRole('button', { name: 'Create the consultation' }));
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.getByRole('link', { name: 'Enter the title.' }).waitFor();
    await expect.poll(() => page.title()).toBe('Error: Create a consultation — Agora');
    expect(await summary.getByRole('link').count()).toBe(5);
    await expectSoundPage(page, `h3-create-errors-${device.id}`);
    await press(device, summary.getByRole('link', { name: 'Enter the opening date and time.' }));
    await expect.poll(async () => (await focused(page)).tag).toBe('input');

    await page.getByLabel('Title').fill('Digital services 2027');
    await page.getByLabel('Web address').fill(slug);
    await page.getByLabel('Summary').fill('How the council should run its online services.');
    await page.getByLabel('Opens').fill('2026-01-05T09:00');
    // Closing before opening is refused, and what was typed stays.
    await page.getByLabel('Closes').fill('2025-12-01T09:00');
    await press(device, page.getByLabel('Pre-moderation'));
    await press(device, page.getByRole('button', { name: 'Create the consultation' }));
    await summary.getByRole('link', { name: 'The closing date must be after the opening date.' }).waitFor();
    expect(await page.getByLabel('Title').inputValue()).toBe('Digital services 2027');
    expect(await page.getByLabel('Pre-moderation').isChecked()).toBe(true);
    await page.getByLabel('Closes').fill('2030-12-01T17:00');
    await page.getByLabel('Closes').press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Manage: Digital services 2027' }).waitFor();

    await press(device, page.getByRole('link', { name: 'Add the first section' }));
    await addSection(device, page, 'Online forms', 'forms', 'Every form should be **short**.\n\nAsk only what you need.');
    await page.goto(`${web.url}/c/${slug}/manage/add-section`);
    await addSection(device, page, 'Accessibility', 'access', 'Every service meets WCAG 2.2 AA.');
    await page.goto(`${web.url}/c/${slug}/manage/add-section`);
    await addSection(device, page, 'Paper forms', 'paper', 'Paper stays available.');

    await page.goto(`${web.url}/c/${slug}/manage`);
    const sections = page.locator('li').filter({ has: page.getByRole('button', { name: /^Move up/ }) });
    await expect.poll(() => sections.allInnerTexts().then((t) => t.map((s) => s.split('\n')[0]))).toEqual(['Online forms', 'Accessibility', 'Paper forms']);
    // Moving keeps focus on the same control, so the keyboard can move it again.
    await press(device, page.getByRole('button', { name: 'Move up: Accessibility' }));
    await page.getByText('Moved "Accessibility" up.').waitFor();
    await expect.poll(() => sections.allInnerTexts().then((t) => t.map((s) => s.split('\n')[0]))).toEqual(['Accessibility', 'Online forms', 'Paper forms']);
    await expect.poll(async () => (await focused(page)).label).toBe('Move down: Accessibility');

    await press(device, page.getByRole('button', { name: 'Rename: Online forms' }));
    const newTitle = page.getByLabel('New title for “Online forms”');
    await expect.poll(async () => (await focused(page)).tag).toBe('input');
    await newTitle.fill('');
    await press(device, page.getByRole('button', { name: 'Save the title' }));
    await summary.getByRole('link', { name: 'Enter the title.' }).waitFor();
    await newTitle.fill('Forms online');
    await press(device, page.getByRole('button', { name: 'Save the title' }));
    await page.getByText('Renamed "Online forms".').waitFor();

    await press(device, page.getByRole('button', { name: 'Retire: Paper forms' }));
    await page.getByLabel('Why retire “Paper forms”?').fill('Covered by Forms online');
    await press(device, page.getByRole('button', { name: 'Retire this section' }));
    await page.getByText(/Paper forms — retired/).waitFor();

    // Bring the closing date forward to now: the consultation closes, and the outcome can be written.
    await page.getByLabel('Closes').fill(await localNow(page));
    await press(device, page.getByRole('button', { name: 'Save changes' }));
    await page.getByText('Saved the summary and closing date.').waitFor();
    await expectSoundPage(page, `h3-manage-${device.id}`);
    await press(device, page.getByRole('link', { name: 'Publish the outcome' }));
    await page.getByRole('heading', { level: 1, name: 'Publish the outcome' }).waitFor();
    await press(device, page.getByRole('button', { name: 'Publish the outcome' }));
    await summary.getByRole('link', { name: 'Enter the outcome.' }).waitFor();
    await page.getByLabel('The outcome').fill('## What we did\n\nWe merged the paper forms section into **Forms online**.');
    await press(device, page.getByRole('button', { name: 'Publish the outcome' }));
    await page.getByRole('heading', { level: 1, name: 'Outcome: Digital services 2027' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'What we did' }).waitFor();
    await page.getByRole('row', { name: /Forms online/ }).waitFor();
    await expectSoundPage(page, `h3-outcome-new-${device.id}`);

    // Anyone reads what was done, who did it and when, from the consultation's page.
    const visitor = await (await web.browser.newContext(device.options)).newPage();
    await visitor.goto(`${web.url}/c/${slug}`);
    expect(await visitor.getByRole('link', { name: 'Manage this consultation' }).count()).toBe(0);
    await press(device, visitor.getByRole('link', { name: 'Change log' }));
    await visitor.getByRole('heading', { level: 1, name: 'Change log' }).waitFor();
    for (const line of ['Published the outcome', 'Brought the closing date forward', 'Retired the section "Paper forms"', 'Renamed the section "Online forms" to "Forms online"', 'Changed the order of the sections', 'Added the section "Accessibility"', 'Created the consultation "Digital services 2027"']) {
      await visitor.getByText(line, { exact: true }).waitFor();
    }
    await visitor.getByText('Covered by Forms online').waitFor();
    await expectSoundPage(visitor, `h3-change-log-${device.id}`);
    await visitor.context().close();
    await context.close();
  });
});
