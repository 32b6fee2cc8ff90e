import type { BrowserContext, Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { CommentView } from '../../server/contracts/comments';
import { accessibilityViolations, useBrowserApp } from '../helpers/browser';
import { createConsultation } from '../helpers/factories';
import { DESKTOP, dragOver, focused, PHONE, scrollsSideways, wordPoint } from '../helpers/real-input';
import { createActor } from '../helpers/users';

// Commenting on an exact passage with real hands: mouse drags and clicks, a finger on a touch
// screen, the keyboard. No selection, click or focus is ever set from a script.

// Each test has a section of its own, so what one test posts does not change another's page.
const SECTIONS = ['drag', 'clicks', 'across', 'phone', 'keys', 'drafts', 'honest'] as const;
type Section = (typeof SECTIONS)[number];
const api = (section: Section): string => `/api/consultations/selecting/sections/${section}`;
const RICH = 'approve every large contract before it is signed, as set out in the spending rules and the approve_spend() check';
const MARKDOWN = `The board reads every proposal in full before a decision is taken.

The board must **approve every large contract** before it is signed, as set out in [the spending rules](https://example.org/rules) and the \`approve_spend()\` check, with *italic care* throughout.

## Things to check first

- Publish spending on technology every quarter.
- Break large contracts into smaller lots.

| Body | Duty |
| --- | --- |
| Treasury | Sets the spending limits |

A closing paragraph that follows the table and ends the section.
`;

const web = useBrowserApp();
vi.setConfig({ testTimeout: 60_000 });

beforeAll(async () => {
  await createConsultation(web.app.db, { slug: 'selecting', sections: SECTIONS.map((slug) => ({ slug, title: `Text ${slug}`, markdown: MARKDOWN })) });
});

async function openText(section: Section, options: typeof DESKTOP | typeof PHONE = DESKTOP): Promise<{ page: Page; context: BrowserContext }> {
  const context = await web.signedIn(await createActor(web.app), await web.browser.newContext(options));
  const page = await context.newPage();
  await page.goto(`${web.url}/c/selecting/${section}`);
  await page.getByRole('heading', { level: 1, name: `Text ${section}` }).waitFor();
  await page.getByRole('heading', { level: 2, name: /^Comments/ }).waitFor();
  // The presence line arrives with the live connection and can move the text down: let it land
  // before measuring where words are.
  await page.getByText(/reading this section/).first().waitFor();
  return { page, context };
}

const article = (page: Page): Locator => page.locator('article.prose');
const block = (page: Page, text: string): Locator => article(page).locator('[data-block-id]', { hasText: text }).first();
const commentOnThis = (page: Page): Locator => page.getByRole('button', { name: 'Comment on this', exact: true });
const composer = (page: Page): Locator => article(page).locator('agora-comment-form');

/** The comments on the test section as the server has them. */
async function serverComments(section: Section): Promise<CommentView[]> {
  return (await web.app.inject(`${api(section)}/comments?sort=newest`)).json().comments;
}

/** Posts what is in the open form and returns the comment the server stored. */
async function postFromComposer(page: Page, section: Section, body: string): Promise<CommentView> {
  await composer(page).getByLabel('I have a question').check();
  await composer(page).getByLabel('Your comment').fill(body);
  await composer(page).getByRole('button', { name: 'Post comment' }).click();
  await page.locator('agora-comment-item', { hasText: body }).waitFor();
  const stored = (await serverComments(section)).find((c) => c.body === body);
  expect(stored).toBeDefined();
  return stored!;
}

/** The stored anchor really is those words of that block. */
async function expectAnchoredOn(section: Section, comment: CommentView, words: string): Promise<void> {
  expect(comment.anchor!.exact).toBe(words);
  expect(comment.anchor!.quote).toBe(words);
  const blocks = (await web.app.inject(api(section))).json().section.revision.blocks as { id: string; text: string }[];
  const text = blocks.find((b) => b.id === comment.anchor!.blockId)!.text;
  expect(text.slice(comment.anchor!.start, comment.anchor!.end)).toBe(words);
}

/** A finger tap on the middle of what `target` shows. */
async function tap(page: Page, target: Locator): Promise<void> {
  await target.scrollIntoViewIfNeeded();
  const box = (await target.boundingBox())!;
  await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
}

/** An anchor on `words` where they first occur in the section's current text. */
async function anchorIn(section: Section, words: string) {
  const blocks = (await web.app.inject(api(section))).json().section.revision.blocks as { id: string; text: string }[];
  const found = blocks.find((b) => b.text.includes(words))!;
  const start = found.text.indexOf(words);
  return { blockId: found.id, exact: words, start, end: start + words.length };
}

async function endsCleanly(page: Page, shot: string): Promise<void> {
  await page.screenshot({ path: `/tmp/h1-${shot}.png`, fullPage: false });
  expect(await scrollsSideways(page)).toBe(false);
  expect(await accessibilityViolations(page)).toEqual([]);
}

describe('selecting a passage with the mouse', () => {
  it('a drag across bold, a link and inline code anchors exactly the words dragged over; focus goes to the new comment', async () => {
    const { page, context } = await openText('drag');
    await dragOver(page, block(page, 'approve every'), RICH);
    await commentOnThis(page).click();
    // The form opens at the passage (right after its paragraph), with focus in it.
    await expect.poll(() => composer(page).count()).toBe(1);
    expect(await composer(page).locator('blockquote').innerText()).toBe(`“${RICH}”`);
    const [paragraphBox, formBox] = [await block(page, 'approve every').boundingBox(), await composer(page).boundingBox()];
    expect(formBox!.y - (paragraphBox!.y + paragraphBox!.height)).toBeLessThan(60);
    expect((await focused(page)).id).toBe('passage');
    const comment = await postFromComposer(page, 'drag', 'Who decides what counts as large?');
    await expectAnchoredOn('drag', comment, RICH);
    await expect.poll(async () => (await focused(page)).id).toBe(`comment-${comment.id}`);
    expect(await composer(page).count()).toBe(0);
    await endsCleanly(page, 'drag-1280');
    await context.close();
  });

  it('a double-click picks a word and a triple-click a heading or a table cell; Escape returns focus', async () => {
    const { page, context } = await openText('clicks');
    const item = block(page, 'every quarter');
    await item.scrollIntoViewIfNeeded();
    const quarter = await wordPoint(item, 'quarter');
    await page.mouse.dblclick(quarter.x, quarter.y);
    await commentOnThis(page).click();
    expect(await composer(page).locator('blockquote').innerText()).toBe('“quarter”');
    await page.keyboard.press('Escape');
    expect(await composer(page).count()).toBe(0);
    // The button that opened the form is gone with the selection: focus goes to the passage's own comment button.
    expect((await focused(page)).label).toMatch(/^Comment on this paragraph: “Publish spending on technology/);

    const heading = await wordPoint(block(page, 'Things to check'), 'check');
    await page.mouse.click(heading.x, heading.y, { clickCount: 3 });
    await commentOnThis(page).click();
    expect(await composer(page).locator('blockquote').innerText()).toBe('“Things to check first”');
    // A triple-click ends at the start of the next block: that is not a selection over two blocks.
    expect(await composer(page).getByText(/more than one paragraph/).count()).toBe(0);
    await page.keyboard.press('Escape');

    const cell = await wordPoint(block(page, 'Treasury'), 'limits');
    await page.mouse.click(cell.x, cell.y, { clickCount: 3 });
    await commentOnThis(page).click();
    expect(await composer(page).locator('blockquote').innerText()).toBe('“Sets the spending limits”');
    const comment = await postFromComposer(page, 'clicks', 'What are the limits today?');
    await expectAnchoredOn('clicks', comment, 'Sets the spending limits');
    await endsCleanly(page, 'clicks-1280');
    await context.close();
  });

  it('a drag over two paragraphs is cut to the first, and the form says so', async () => {
    const { page, context } = await openText('across');
    const first = block(page, 'reads every proposal');
    await first.scrollIntoViewIfNeeded();
    const from = await wordPoint(first, 'proposal');
    const to = await wordPoint(block(page, 'approve every'), 'board');
    await page.mouse.move(from.x - 20, from.y);
    await page.mouse.down();
    await page.mouse.move(to.x, to.y, { steps: 12 });
    await page.mouse.up();
    await commentOnThis(page).click();
    const quote = (await composer(page).locator('blockquote').innerText()).replace(/[“”]/g, '');
    expect('The board reads every proposal in full before a decision is taken.'.endsWith(quote)).toBe(true);
    expect(quote).toMatch(/in full before a decision is taken\.$/);
    await composer(page).getByText('Your selection ran over more than one paragraph, so your comment is on the words in the first one only.').waitFor();
    const comment = await postFromComposer(page, 'across', 'Does the board really read them all?');
    await expectAnchoredOn('across', comment, quote);
    await context.close();
  });
});

describe('on a phone', () => {
  it('every paragraph has a visible comment button a finger can tap; the form opens beside the passage', async () => {
    const { page, context } = await openText('phone', PHONE);
    const closing = 'A closing paragraph that follows the table and ends the section.';
    const add = page.getByRole('button', { name: /^Comment on this paragraph: “A closing paragraph/ });
    await add.scrollIntoViewIfNeeded();
    await page.screenshot({ path: '/tmp/h1-touch-text-360.png' });
    const box = (await add.boundingBox())!;
    expect(box.width).toBeGreaterThanOrEqual(24);
    expect(box.height).toBeGreaterThanOrEqual(24);
    // Visible without hover: a phone never hovers.
    expect(await add.evaluate((b) => getComputedStyle(b).opacity)).toBe('1');
    await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
    await expect.poll(() => composer(page).count()).toBe(1);
    expect(await composer(page).locator('blockquote').innerText()).toBe(`“${closing}”`);
    await tap(page, composer(page).getByLabel('I have a question'));
    await composer(page).getByLabel('Your comment').fill('Closing what, exactly?');
    await page.screenshot({ path: '/tmp/h1-touch-form-360.png' });
    await tap(page, composer(page).getByRole('button', { name: 'Post comment' }));
    await page.locator('agora-comment-item', { hasText: 'Closing what, exactly?' }).waitFor();
    await expectAnchoredOn('phone', (await serverComments('phone')).find((c) => c.body === 'Closing what, exactly?')!, closing);
    await endsCleanly(page, 'touch-360');
    await context.close();
  });
});

describe('with the keyboard only', () => {
  it('reaches the comment buttons in a few Tabs, moves between paragraphs with arrows and chooses part of one with Shift+arrows', async () => {
    const { page, context } = await openText('keys');
    let tabs = 0;
    while (tabs < 10 && (await focused(page)).label !== 'Skip to the text') {
      await page.keyboard.press('Tab');
      tabs += 1;
    }
    await page.keyboard.press('Enter');
    // The first stop after the signed-in header's six (home, consultations, search, notifications, account, sign out).
    expect(tabs).toBeLessThanOrEqual(7);
    expect((await focused(page)).label).toMatch(/^Comment on this paragraph: “The board reads/);
    // One Tab stop for all of them: arrows move between paragraphs.
    await page.keyboard.press('ArrowDown');
    expect((await focused(page)).label).toMatch(/^Comment on this paragraph: “The board must approve/);
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await focused(page)).id).toBe('passage');

    // "approve every large contract": 15 characters in ("The board must "), 28 long.
    for (let i = 0; i < 15; i++) await page.keyboard.press('ArrowRight');
    for (let i = 0; i < 28; i++) await page.keyboard.press('Shift+ArrowRight');
    // Typing does not change the paragraph's text.
    await page.keyboard.type('x');
    await expect.poll(() => composer(page).locator('blockquote').innerText()).toBe('“approve every large contract”');
    expect(await composer(page).getByLabel('Choose the words you are commenting on').inputValue()).toBe(MARKDOWN.split('\n')[2]!.replace(/\*\*|\*|`|\[|\]\(https:\/\/example\.org\/rules\)/g, ''));
    await page.keyboard.press('Tab'); // the kinds of comment
    await page.keyboard.press('Space');
    const kind = await focused(page);
    expect(kind.tag).toBe('input');
    await page.keyboard.press('Tab'); // the comment itself
    await page.keyboard.type('Large by what measure?');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.locator('agora-comment-item', { hasText: 'Large by what measure?' }).waitFor();
    const comment = (await serverComments('keys')).find((c) => c.body === 'Large by what measure?')!;
    await expectAnchoredOn('keys', comment, 'approve every large contract');
    await expect.poll(async () => (await focused(page)).id).toBe(`comment-${comment.id}`);
    await endsCleanly(page, 'keyboard-1280');
    await context.close();
  });
});

describe('a half-written comment', () => {
  it('survives a live update and a new version of the section', async () => {
    const { page, context } = await openText('drafts');
    await page.getByRole('button', { name: /^Comment on this paragraph: “A closing paragraph/ }).click();
    await composer(page).getByLabel('I object to this').check();
    await composer(page).getByLabel('Your comment').fill('Half of my thought');

    // Someone else comments (a live update) ...
    const other = await createActor(web.app);
    const live = await other.inject({ method: 'POST', url: `${api('drafts')}/comments`, payload: { kind: 'support', body: 'Meanwhile, from someone else.' } });
    expect(live.statusCode).toBe(201);
    await page.getByText('Meanwhile, from someone else.').waitFor();
    expect(await composer(page).getByLabel('Your comment').inputValue()).toBe('Half of my thought');

    // ... and an editor publishes a new version, which the reader chooses to see.
    const editor = await createActor(web.app, 'editor');
    const { number } = (await web.app.inject(api('drafts'))).json().section.revision;
    const edited = await editor.inject({
      method: 'POST',
      url: `${api('drafts')}/revisions`,
      payload: { baseRevision: number, markdown: MARKDOWN.replace('The board reads', 'The board now reads'), summary: 'Clearer opening' },
    });
    expect(edited.statusCode, edited.body).toBe(201);
    await page.getByRole('button', { name: 'Show the new version' }).click();
    await block(page, 'The board now reads').waitFor();
    expect(await composer(page).getByLabel('Your comment').inputValue()).toBe('Half of my thought');
    expect(await composer(page).getByLabel('I object to this').isChecked()).toBe(true);
    // Still beside its passage.
    const [paragraphBox, formBox] = [await block(page, 'A closing paragraph').boundingBox(), await composer(page).boundingBox()];
    expect(formBox!.y - (paragraphBox!.y + paragraphBox!.height)).toBeLessThan(60);
    await composer(page).getByLabel('Your comment').fill('Half of my thought, now finished.');
    await composer(page).getByRole('button', { name: 'Post comment' }).click();
    await page.locator('agora-comment-item', { hasText: 'Half of my thought, now finished.' }).waitFor();
    await context.close();
  });
});

describe('honest anchors', () => {
  it('shows the words the author quoted and says what the passage reads now', async () => {
    const author = await createActor(web.app);
    const blocks = (await web.app.inject(api('honest'))).json().section.revision.blocks as { id: string; text: string }[];
    const item = blocks.find((b) => b.text.startsWith('Break large contracts'))!;
    const posted = await author.inject({
      method: 'POST',
      url: `${api('honest')}/comments`,
      payload: { kind: 'object', body: 'Smaller lots cost more to manage.', anchor: { blockId: item.id, exact: 'Break large contracts into smaller lots.', start: 0, end: item.text.length } },
    });
    expect(posted.statusCode, posted.body).toBe(201);
    const editor = await createActor(web.app, 'editor');
    const current = (await web.app.inject(api('honest'))).json().section.revision;
    const markdown: string = current.markdown;
    const edited = await editor.inject({
      method: 'POST',
      url: `${api('honest')}/revisions`,
      payload: { baseRevision: current.number, markdown: markdown.replace('Break large contracts into smaller lots.', 'Break large contracts into smaller, separately tendered lots.'), summary: 'Say how' },
    });
    expect(edited.statusCode, edited.body).toBe(201);
    const stored = (await serverComments('honest')).find((c) => c.body === 'Smaller lots cost more to manage.')!;
    expect(stored.anchor!.quote).toBe('Break large contracts into smaller lots.');

    const { page, context } = await openText('honest');
    const shown = page.locator('agora-comment-item', { hasText: 'Smaller lots cost more to manage.' });
    await shown.waitFor();
    expect(await shown.locator('blockquote').innerText()).toBe('“Break large contracts into smaller lots.”');
    if (stored.anchor!.state === 'orphaned') {
      await shown.getByText('The passage this referred to was changed').waitFor();
    } else {
      await shown.getByText(`The text has changed since this comment: it now reads “${stored.anchor!.exact}”`).waitFor();
    }
    expect(await shown.getByRole('link', { name: /see version \d+, which it was written on/ }).getAttribute('href')).toBe(
      `/c/selecting/honest/history/${stored.revision}`,
    );

    // Highlights: drawn over a passage only where the words quoted are still there.
    await page.getByRole('button', { name: /^1 comment on this passage: “Break large contracts/ }).click();
    await page.getByText(/^Showing comments on the passage/).waitFor();
    expect(await article(page).locator('mark').count()).toBe(0);
    const unchanged = 'every quarter';
    const kept = await author.inject({ method: 'POST', url: `${api('honest')}/comments`, payload: { kind: 'support', body: 'Quarterly is right.', anchor: await anchorIn('honest', unchanged) } });
    expect(kept.statusCode, kept.body).toBe(201);
    await page.getByRole('button', { name: 'Show all comments' }).click();
    const quarterMarker = page.getByRole('button', { name: /^1 comment on this passage: “Publish spending/ });
    await quarterMarker.click();
    await expect.poll(() => article(page).locator('mark').allInnerTexts()).toEqual([unchanged]);
    await page.screenshot({ path: '/tmp/h1-highlight-1280.png' });
    await quarterMarker.click();
    await expect.poll(() => article(page).locator('mark').count()).toBe(0);
    await shown.scrollIntoViewIfNeeded();
    await endsCleanly(page, 'honest-1280');
    await context.close();
  });
});
