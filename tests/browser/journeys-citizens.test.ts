import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { CENTRAL_APPROVAL } from '../../server/cli/demo-discussion';
import { commentItem, DEVICES, expectSoundPage, press, useBrowserApp } from '../helpers/browser';

// The README's "Try every role" journeys of the citizens, on the demo data, at both sizes, with
// real input only (amira's comment, reply and endorsement are in comments.test.ts).

const SECTION_PATH = '/c/ideal-government-it/governance';
const TOM_PROPOSAL = 'Make central spending review fit with local decision-making';
const RUTH_OBJECTION = 'These two recommendations contradict each other.';

const web = useBrowserApp({ demo: true });

/** Ruth's objection, not Sam's lightly changed copy of it. */
const ruthsObjection = (page: Page) => commentItem(page, RUTH_OBJECTION).filter({ hasNotText: 'Posting this again' });

describe.each(DEVICES)('citizens on a $name', { timeout: 180_000 }, (device) => {
  it('tom revises his open proposal on Governance, then withdraws it', async () => {
    const page = await web.openAs('tom', device, SECTION_PATH);
    await press(device, page.getByRole('link', { name: 'Proposed edits' }));
    await page.getByRole('heading', { level: 1, name: 'Proposed edits to Governance' }).waitFor();
    await expectSoundPage(page, `tom-proposals-${device.id}`);
    await press(device, page.getByRole('link', { name: new RegExp(TOM_PROPOSAL) }));
    await press(device, page.getByRole('link', { name: 'Revise your proposal' }));
    const summary = page.getByLabel('Summary of your change');
    await summary.fill(`${TOM_PROPOSAL}, with published limits`);
    await press(device, page.getByRole('button', { name: 'Save changes' }));
    await page.getByRole('heading', { level: 1, name: /with published limits/ }).waitFor();

    await press(device, page.getByRole('button', { name: 'Withdraw proposal' }));
    await press(device, page.getByRole('button', { name: 'Yes, withdraw it' }));
    await page.getByText('Withdrawn', { exact: true }).first().waitFor();
    expect(await page.getByRole('button', { name: 'Withdraw proposal' }).count()).toBe(0);
    await expectSoundPage(page, `tom-withdrawn-${device.id}`);
    await page.context().close();
  });

  it('ruth sees her objection and that she has reported the duplicate (Report is not offered again)', async () => {
    const page = await web.openAs('ruth', device, SECTION_PATH);
    const objection = ruthsObjection(page);
    await objection.getByText(`“${CENTRAL_APPROVAL}”`).waitFor();
    await objection.getByText('3 endorsements').waitFor();
    const copy = commentItem(page, 'Posting this again because it matters.');
    await copy.getByText('You reported this comment.').waitFor();
    expect(await copy.getByRole('button', { name: 'Report' }).count()).toBe(0);
    await expectSoundPage(page, `ruth-${device.id}`);
    await page.context().close();
  });

  it('sam posts the same comment again and it is refused as a duplicate, pointing to the original he endorsed', async () => {
    const page = await web.openAs('sam', device, SECTION_PATH);
    const original = await ruthsObjection(page).locator('.prose').innerText();
    await press(device, page.getByLabel('I object to this'));
    await page.getByLabel('Your comment').fill(original);
    await press(device, page.getByRole('button', { name: 'Post comment' }));
    const refusal = page.getByRole('alert').filter({ hasText: 'Someone has already made this comment' });
    await refusal.getByText('You have already endorsed it.').waitFor();
    expect(await refusal.getByText('Ruth Lindqvist · 3 endorsed it').count()).toBe(1);
    expect(await page.getByLabel('Your comment').inputValue()).toBe(original);
    await expectSoundPage(page, `sam-${device.id}`);
    await page.context().close();
  });

  it('amira proposes an edit to Governance', async () => {
    const page = await web.openAs('amira', device, SECTION_PATH);
    await press(device, page.getByRole('link', { name: 'Suggest an edit' }));
    await page.getByRole('heading', { level: 1, name: 'Suggest an edit to Governance' }).waitFor();
    const text = page.getByLabel('Your version of the text');
    const current = await text.inputValue();
    await text.fill(current.replace('back-office plumbing', 'a cost to be cut'));
    await page.getByRole('region', { name: 'Preview' }).getByText('a cost to be cut').waitFor();
    await page.getByLabel('Summary of your change').fill('Name the real problem');
    await press(device, page.getByRole('button', { name: 'Submit proposal' }));
    await page.getByRole('heading', { level: 1, name: /Name the real problem/ }).waitFor();
    await expectSoundPage(page, `amira-proposal-${device.id}`);
    await page.context().close();
  });
});
