import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { SuggestionList } from '../../server/contracts/suggestions';
import { DEVICES, type Device, expectSoundPage, press, useBrowserApp } from '../helpers/browser';
import { createConsultation } from '../helpers/factories';
import { dragOver, wordPoint } from '../helpers/real-input';
import { type Actor, createActor } from '../helpers/users';

// The public edits the draft like a document: select words, "Suggest a change", edit them in
// place with their formatting, send; others see the change inline and support it; an editor
// accepts it in place. Real mouse, touch and keyboard only; no selection or focus set by script.

const MARKDOWN = `The board reads every proposal in full before a decision is taken.

The board must **approve every large contract** before it is signed, as set out in [the spending rules](https://example.org/rules).

- Publish spending on technology every quarter.
- Break large contracts into smaller lots.
`;

const web = useBrowserApp();
vi.setConfig({ testTimeout: 120_000 });

beforeAll(async () => {
  await createConsultation(web.app.db, { slug: 'drafting', sections: DEVICES.map((device) => ({ slug: device.id, title: `Text ${device.id}`, markdown: MARKDOWN })) });
});

const article = (page: Page): Locator => page.locator('article.prose');
const block = (page: Page, text: string): Locator => article(page).locator('[data-block-id]', { hasText: text }).first();
const api = (device: Device): string => `/api/consultations/drafting/sections/${device.id}`;

async function openAs(actor: Actor, device: Device): Promise<Page> {
  const context = await web.signedIn(actor, await web.browser.newContext(device.options));
  const page = await context.newPage();
  await page.goto(`${web.url}/c/drafting/${device.id}`);
  await page.getByRole('heading', { level: 1, name: `Text ${device.id}` }).waitFor();
  await page.getByText(/reading this section/).first().waitFor();
  return page;
}

/** Selects a word as the device's person would: a mouse drag on a desktop, a double tap-and-hold stand-in (double-click) on a phone. */
async function selectWords(page: Page, device: Device, scope: Locator, words: string): Promise<void> {
  if (!device.touch) return dragOver(page, scope, words);
  await scope.scrollIntoViewIfNeeded();
  const point = await wordPoint(scope, words);
  await page.mouse.dblclick(point.x, point.y);
}

const serverList = async (device: Device): Promise<SuggestionList> => (await web.app.inject(`${api(device)}/suggestions`)).json();

describe.each(DEVICES)('suggesting a change on a $name', (device) => {
  it('a citizen edits a passage in place, a reader supports it, an editor accepts it where it sits', async () => {
    const [alice, bob, editor] = [await createActor(web.app), await createActor(web.app), await createActor(web.app, 'editor')];

    // Alice selects words and suggests a change to them, in place.
    const page = await openAs(alice, device);
    await selectWords(page, device, block(page, 'approve every'), device.touch ? 'large' : 'large contract');
    await press(device, page.getByRole('button', { name: 'Suggest a change' }));
    const editorBox = article(page).locator('agora-suggestion-editor');
    const wording = editorBox.getByRole('textbox', { name: 'Your wording' });
    await wording.waitFor();
    // The passage is shown as text with its formatting, no Markdown syntax, where the block was.
    expect(await wording.innerText()).toBe('The board must approve every large contract before it is signed, as set out in the spending rules.');
    expect(await wording.locator('strong').innerText()).toBe('approve every large contract');
    expect(await block(page, 'approve every').isVisible()).toBe(false);
    const word = await wordPoint(wording, 'large');
    await page.mouse.dblclick(word.x, word.y);
    await page.keyboard.type('major');
    await editorBox.getByLabel('Why this change?').fill('Large is not defined anywhere');
    await page.screenshot({ path: `/tmp/h2-suggest-editing-${device.id}.png` });
    await press(device, editorBox.getByRole('button', { name: 'Send suggestion' }));
    await page.getByText('Your suggestion was sent.').waitFor();
    const listed = (await serverList(device)).suggestions;
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ original: 'large', replacement: 'major', after: 'The board must approve every major contract before it is signed, as set out in the spending rules.' });
    const proposal = (await web.app.inject(`/api/proposals/${listed[0]!.proposalId}`)).json().proposal;
    // Only the passage changed: the bold and the link around it are as they were.
    expect(proposal.markdown).toBe(MARKDOWN.replace('large contract', 'major contract'));
    await expectSoundPage(page, `h2-suggested-${device.id}`);
    await page.context().close();

    // Bob shows the suggestions: the change inline, marked as inserted words, and supports it.
    const reader = await openAs(bob, device);
    await press(device, reader.getByRole('button', { name: 'Show suggestions (1)' }));
    const card = article(reader).locator('agora-suggestion-card');
    await card.waitFor();
    expect(await card.locator('ins').innerText()).toContain('major');
    expect(await card.locator('del').innerText()).toContain('large');
    await card.getByText('Large is not defined anywhere').waitFor();
    await press(device, card.getByRole('button', { name: 'Support suggestion' }));
    await card.getByText('1 supporter').waitFor();
    await reader.screenshot({ path: `/tmp/h2-suggestions-shown-${device.id}.png` });
    await expectSoundPage(reader, `h2-shown-${device.id}`);
    await reader.context().close();

    // The editor accepts it in place; the text changes and the history credits Alice.
    const review = await openAs(editor, device);
    await press(device, review.getByRole('button', { name: 'Show suggestions (1)' }));
    const editorCard = article(review).locator('agora-suggestion-card');
    await press(device, editorCard.getByRole('button', { name: `Accept suggestion ${listed[0]!.id}` }));
    await review.getByText('Accepted into version 2.').waitFor();
    await expect.poll(() => block(review, 'approve every').innerText()).toContain('approve every major contract');
    const history = (await web.app.inject(`${api(device)}/revisions`)).json().revisions;
    expect(history[0].author.username).toBe(alice.username);
    expect(history[0].summary).toContain('Large is not defined');
    await expectSoundPage(review, `h2-accepted-${device.id}`);
    await review.context().close();
  });
});
