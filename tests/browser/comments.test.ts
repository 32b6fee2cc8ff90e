import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { accessibilityViolations, useBrowserApp } from '../helpers/browser';
import { createActor } from '../helpers/users';

const SECTION_PATH = '/c/ideal-government-it/governance';
const PASSAGE = 'Pre-legislative technology scrutiny and impact assessments';

const web = useBrowserApp();

/** A browser context signed in as a new citizen (their session cookie, as after signing in). */
async function citizen(): Promise<BrowserContext> {
  return web.signedIn(await createActor(web.app));
}

async function openSection(context: BrowserContext, hash = ''): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${web.url}${SECTION_PATH}${hash}`);
  await page.getByRole('heading', { level: 1, name: 'Governance' }).waitFor();
  await page.getByRole('heading', { level: 2, name: /^Comments/ }).waitFor();
  return page;
}

/** Selects `text` inside the section's article the way a reader's drag would (the text is in shadow DOM). */
async function selectText(page: Page, text: string): Promise<void> {
  await page.evaluate((wanted) => {
    const view = document.querySelector('agora-app')!.shadowRoot!.querySelector('agora-section-view')!.shadowRoot!;
    const walker = document.createTreeWalker(view.querySelector('article')!, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent!.indexOf(wanted);
      if (at >= 0) {
        document.getSelection()!.setBaseAndExtent(node, at, node, at + wanted.length);
        return;
      }
    }
    throw new Error(`"${wanted}" is not in the article`);
  }, text);
}

describe('commenting on a passage in the browser', () => {
  it('a citizen selects a passage and objects; the margin and the thread show it; another citizen replies', async () => {
    const alice = await openSection(await citizen());
    await selectText(alice, PASSAGE);
    await alice.getByRole('button', { name: 'Comment on this', exact: true }).click();
    await expect.poll(() => alice.getByText(`“${PASSAGE}”`).count()).toBeGreaterThan(0);
    await alice.getByLabel('I object to this').check();
    await alice.getByLabel('Your comment').fill('Scrutiny *after* drafting is too late: it must start with the policy.');
    await alice.getByRole('button', { name: 'Post comment' }).click();

    await alice.getByText('Scrutiny after drafting is too late').waitFor();
    const marker = alice.getByRole('button', { name: /^1 comment on this passage/ });
    await marker.waitFor();
    await marker.click();
    await alice.getByText(/^Showing comments on the passage/).waitFor();
    expect(await marker.getAttribute('aria-pressed')).toBe('true');
    expect(await alice.locator('[data-selected]').innerText()).toContain(PASSAGE);

    const bobContext = await citizen();
    const bob = await openSection(bobContext);
    await bob.getByText('Scrutiny after drafting is too late').waitFor();
    await bob.getByRole('button', { name: 'Reply' }).click();
    await bob.getByLabel('Your reply').fill('Agreed — and publish the assessment.');
    await bob.getByRole('button', { name: 'Post reply' }).click();
    await bob.getByText('Agreed — and publish the assessment.').waitFor();

    await alice.reload();
    await alice.getByText('Agreed — and publish the assessment.').waitFor();
    expect(await alice.getByRole('button', { name: /^1 comment on this passage/ }).count()).toBe(1);
    expect(await accessibilityViolations(alice)).toEqual([]);

    // The same objection again is refused as a duplicate, with the existing one offered to endorse.
    await selectText(bob, PASSAGE);
    await bob.getByRole('button', { name: 'Comment on this', exact: true }).click();
    await bob.getByLabel('I object to this').check();
    await bob.getByLabel('Your comment').fill('Scrutiny after drafting is too late — it must start with the policy!');
    await bob.getByRole('button', { name: 'Post comment' }).click();
    await bob.getByRole('button', { name: 'Endorse it instead' }).click();
    await bob.getByText('You endorsed the existing comment.').waitFor();
    await bob.getByText('1 endorsement', { exact: true }).first().waitFor();
    await bobContext.close();

    // The overview counts top-level comments by kind (the reply is conversation, not a response).
    await alice.goto(`${web.url}/c/ideal-government-it`);
    await alice.getByText('1 comment so far.').waitFor();
    expect(await alice.getByRole('listitem').filter({ hasText: 'Governance' }).innerText()).toContain('1 comment: 1 objection');
  });

  it('opens a permalink scrolled to the comment, and asks signed-out readers to sign in', async () => {
    const author = await openSection(await citizen());
    await author.getByRole('button', { name: /^Comment on this paragraph: “Technology now shapes/ }).focus();
    await author.keyboard.press('Enter');
    await author.getByLabel('I have a question').check();
    await author.getByLabel('Your comment').fill('Who counts as “the people at the top”?');
    await author.getByRole('button', { name: 'Post comment' }).click();
    const link = author.locator('agora-comment-item', { hasText: 'Who counts as' }).getByRole('link', { name: /\d{4}/ });
    await link.waitFor();
    const href = (await link.getAttribute('href'))!;
    expect(href).toMatch(/^\/c\/ideal-government-it\/governance#comment-\d+$/);

    const reader = await web.browser.newPage();
    await reader.goto(`${web.url}${href}`);
    const highlighted = reader.locator('agora-comment-item[highlighted]');
    await highlighted.waitFor();
    expect(await highlighted.locator('article').innerText()).toContain('Who counts as');
    await expect.poll(() => highlighted.evaluate((el) => el.getBoundingClientRect().top >= 0 && el.getBoundingClientRect().bottom <= innerHeight)).toBe(true);
    const signIn = reader.getByRole('link', { name: 'Sign in to comment' });
    expect(await signIn.getAttribute('href')).toBe(`/sign-in?next=${encodeURIComponent(SECTION_PATH)}`);
    expect(await reader.locator('head link[rel="alternate"][type="application/atom+xml"]').getAttribute('href')).toBe(
      '/feeds/consultations/ideal-government-it/sections/governance/comments.atom',
    );
    expect(await accessibilityViolations(reader)).toEqual([]);
    await reader.close();
  });
});
