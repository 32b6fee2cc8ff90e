import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { SuggestionList } from '../../server/contracts/suggestions';
import { DEVICES, type Device, expectSoundPage, press, useBrowserApp } from '../helpers/browser';
import { createConsultation } from '../helpers/factories';
import { dragOver, focused, wordPoint } from '../helpers/real-input';
import { type Actor, createActor } from '../helpers/users';

// The public edits the draft like a document: select words, "Suggest a change", edit them in
// place with their formatting, send; others see the change inline and support it; an editor
// accepts it in place. Real mouse, touch and keyboard only; no selection or focus set by script.

const MARKDOWN = `The board reads every proposal in full before a decision is taken.

The board must **approve every large contract** before it is signed, as set out in [the spending rules](https://example.org/rules).

- Publish spending on technology every quarter.
- Break large contracts into smaller lots.

| Body | Duty |
| --- | --- |
| Treasury | Sets the spending limits |

\`\`\`
approve_spend(contract, limit)
\`\`\`
`;

const web = useBrowserApp();
vi.setConfig({ testTimeout: 120_000 });

beforeAll(async () => {
  const sections = [...DEVICES.map((device) => device.id), ...DEVICES.map((device) => `plain-${device.id}`), 'keys'];
  await createConsultation(web.app.db, { slug: 'drafting', sections: sections.map((slug) => ({ slug, title: `Text ${slug}`, markdown: MARKDOWN })) });
});

const article = (page: Page): Locator => page.locator('article.prose');
const block = (page: Page, text: string): Locator => article(page).locator('[data-block-id]', { hasText: text }).first();
const api = (device: Device): string => `/api/consultations/drafting/sections/${device.id}`;

async function openAs(actor: Actor, device: Device, section: string = device.id): Promise<Page> {
  const context = await web.signedIn(actor, await web.browser.newContext(device.options));
  const page = await context.newPage();
  await page.goto(`${web.url}/c/drafting/${section}`);
  await page.getByRole('heading', { level: 1, name: `Text ${section}` }).waitFor();
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
    // Screen readers hear the change as an insertion and a deletion, with words that say so.
    const spoken = await card.locator('.change').ariaSnapshot();
    expect(spoken).toMatch(/insertion: .*added: major/);
    expect(spoken).toMatch(/deletion: .*removed: large/);
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
    const openProposals = review.locator('agora-section-proposals-link');
    await openProposals.getByText('(1 open)').waitFor();
    await press(device, editorCard.getByRole('button', { name: `Accept suggestion ${listed[0]!.id}` }));
    await review.getByText('Accepted into version 2.').waitFor();
    // The proposal the suggestion came in is settled: the count says so without a reload.
    await openProposals.getByText('(0 open)').waitFor();
    await expect.poll(() => block(review, 'approve every').innerText()).toContain('approve every major contract');
    const history = (await web.app.inject(`${api(device)}/revisions`)).json().revisions;
    expect(history[0].author.username).toBe(alice.username);
    expect(history[0].summary).toContain('Large is not defined');
    await expectSoundPage(review, `h2-accepted-${device.id}`);
    await review.context().close();
  });
});

describe.each(DEVICES)('passages that plain text cannot hold, on a $name', (device) => {
  it('offers the whole section for a table or a code block, and edits a list item in place', async () => {
    const page = await openAs(await createActor(web.app), device, `plain-${device.id}`);
    const refusal = page.locator('agora-section-suggestions #refused');
    for (const [scope, words, kind] of [[article(page).locator('td', { hasText: 'Treasury' }), 'Treasury', 'a table'], [article(page).locator('pre'), 'approve_spend', 'a code block']] as const) {
      await selectWords(page, device, scope, words);
      await press(device, page.getByRole('button', { name: 'Suggest a change' }));
      await expect.poll(() => refusal.innerText()).toContain(`This passage is ${kind}, so it cannot be changed in place as plain text.`);
      expect(await refusal.getByRole('link', { name: 'Edit the whole section' }).getAttribute('href')).toBe(`/c/drafting/plain-${device.id}/propose`);
      expect(await article(page).locator('agora-suggestion-editor').count()).toBe(0);
      await page.screenshot({ path: `/tmp/h2-refused-${kind.replace(/ /g, '-')}-${device.id}.png` });
      await press(device, refusal.getByRole('button', { name: 'Close' }));
      await refusal.waitFor({ state: 'detached' });
    }
    // A list item round-trips, so it is edited in place.
    await selectWords(page, device, block(page, 'Publish spending'), 'spending');
    await press(device, page.getByRole('button', { name: 'Suggest a change' }));
    const wording = article(page).locator('agora-suggestion-editor').getByRole('textbox', { name: 'Your wording' });
    await expect.poll(() => wording.innerText()).toBe('Publish spending on technology every quarter.');
    await expectSoundPage(page, `h2-plain-${device.id}`);
    await page.context().close();
  });
});

describe('with the keyboard only', () => {
  it('chooses words with Shift+arrows, reaches "Suggest a change" and sends a suggestion', async () => {
    const page = await openAs(await createActor(web.app), DEVICES[0], 'keys');
    let tabs = 0;
    while (tabs < 12 && (await focused(page)).label !== 'Skip to the text') {
      await page.keyboard.press('Tab');
      tabs += 1;
    }
    await page.keyboard.press('Enter');
    await page.keyboard.press('ArrowDown');
    expect((await focused(page)).label).toMatch(/^Comment on this paragraph: “The board must approve/);
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await focused(page)).id).toBe('passage');
    // "approve every large contract": 15 characters in, 28 long.
    for (let i = 0; i < 15; i++) await page.keyboard.press('ArrowRight');
    for (let i = 0; i < 28; i++) await page.keyboard.press('Shift+ArrowRight');
    const form = article(page).locator('agora-comment-form');
    await expect.poll(() => form.locator('blockquote').innerText()).toBe('“approve every large contract”');
    for (let i = 0; i < 8 && !/^Suggest a change/.test((await focused(page)).label); i++) await page.keyboard.press('Tab');
    expect((await focused(page)).label).toBe('Suggest a change to this passage instead');
    await page.keyboard.press('Enter');

    const editorBox = article(page).locator('agora-suggestion-editor');
    await expect.poll(async () => (await focused(page)).id).toBe('replacement');
    expect(await form.count()).toBe(0);
    await page.keyboard.press('End');
    await page.keyboard.type(' Always.');
    await page.keyboard.press('Tab');
    expect((await focused(page)).id).toBe('reason');
    await page.keyboard.type('Say it firmly');
    await page.keyboard.press('Tab');
    expect((await focused(page)).label).toBe('Send suggestion');
    await page.keyboard.press('Enter');
    await page.getByText('Your suggestion was sent.').waitFor();
    const listed = (await (await web.app.inject('/api/consultations/drafting/sections/keys/suggestions')).json()) as SuggestionList;
    expect(listed.suggestions.map((item) => [item.original, item.replacement, item.reason])).toEqual([['', ' Always.', 'Say it firmly']]);
    await expectSoundPage(page, 'h2-suggest-keyboard');
    expect(await editorBox.count()).toBe(0);
    await page.context().close();
  });
});
