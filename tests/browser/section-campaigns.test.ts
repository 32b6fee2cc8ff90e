import { beforeAll, describe, expect, it, vi } from 'vitest';
import { commentItem, DEVICES, expectSoundPage, press, useBrowserApp } from '../helpers/browser';
import { createConsultation } from '../helpers/factories';
import { createActor } from '../helpers/users';

// A reader meets a campaign on the section page (issue 19, point 1): the text once, with
// "3 people sent this text", and the other copies behind a disclosure as the words that differ.

const web = useBrowserApp();
vi.setConfig({ testTimeout: 60_000 });

const TEMPLATE = (word: string, own = '') =>
  `${own}I ${word} object to handing the council IT contract to one national outsourcing company for ten years. Local firms employ local people and understand our services. Split the contract into smaller lots, publish every bid and keep an exit clause so the council is never locked in again.`;
const OWN = 'I run a small IT firm in the town and we were never asked to bid. ';

beforeAll(async () => {
  await createConsultation(web.app.db, {
    slug: 'campaigns',
    sections: DEVICES.map((d) => ({ slug: d.id, title: `Contracts (${d.id})`, markdown: 'The council will award one IT contract for ten years.' })),
  });
  for (const device of DEVICES) {
    const url = `/api/consultations/campaigns/sections/${device.id}/comments`;
    for (const body of [TEMPLATE('strongly'), TEMPLATE('firmly'), TEMPLATE('really', OWN), 'Ten years is too long for any contract: five at most.']) {
      const sent = await (await createActor(web.app)).inject({ method: 'POST', url, payload: { kind: 'object', body } });
      expect(sent.statusCode).toBe(201);
    }
  }
});

describe.each(DEVICES)('a campaign on the section page on a $name', (device) => {
  it('a reader sees the text once with its count, opens the copies and reads the words that differ', async () => {
    const context = await web.browser.newContext(device.options);
    const page = await context.newPage();
    await page.goto(`${web.url}/c/campaigns/${device.id}`);
    await page.getByRole('heading', { level: 1, name: `Contracts (${device.id})` }).waitFor();

    const disclosure = page.locator('agora-campaign-copies summary');
    await expect.poll(() => disclosure.textContent()).toBe('3 people sent this text: show the 2 other copies');
    // The campaign's text is listed once (the first copy sent), beside the comment that is not in it.
    await expect.poll(() => commentItem(page, 'national outsourcing company').count()).toBe(1);
    expect(await commentItem(page, 'I strongly object').count()).toBe(1);
    expect(await commentItem(page, 'Ten years is too long').count()).toBe(1);

    const copies = page.locator('agora-campaign-copies li');
    expect(await copies.first().isVisible()).toBe(false);
    await press(device, disclosure);
    await expect.poll(() => copies.count()).toBe(2);
    await expect.poll(() => copies.first().isVisible()).toBe(true);
    expect(await copies.nth(0).locator('del').textContent()).toBe('removed: strongly');
    expect(await copies.nth(0).locator('ins').textContent()).toBe('added: firmly');
    // The third person's own sentence reads in full among the added words.
    expect(await copies.nth(1).locator('ins').allTextContents()).toContainEqual(expect.stringContaining('small IT firm in the town and we were never asked to bid.'));
    await page.screenshot({ path: `/tmp/h6-campaign-open-${device.id}.png`, fullPage: true });

    // The disclosure answers the keyboard too: Enter on the focused summary closes and reopens it.
    await page.keyboard.press('Enter');
    await expect.poll(() => copies.first().isVisible()).toBe(false);
    await page.keyboard.press('Enter');
    await expect.poll(() => copies.first().isVisible()).toBe(true);

    // A fourth copy sent meanwhile arrives live and joins the campaign instead of being listed again.
    const sent = await (await createActor(web.app)).inject({ method: 'POST', url: `/api/consultations/campaigns/sections/${device.id}/comments`, payload: { kind: 'object', body: TEMPLATE('totally') } });
    expect(sent.statusCode).toBe(201);
    await expect.poll(() => disclosure.textContent(), { timeout: 10_000 }).toBe('4 people sent this text: show the 3 other copies');
    await expect.poll(() => commentItem(page, 'national outsourcing company').count()).toBe(1);
    await expect.poll(() => copies.nth(2).locator('ins').textContent()).toBe('added: totally');

    await expectSoundPage(page, `section-campaigns-${device.id}`);
    await context.close();
  });
});
