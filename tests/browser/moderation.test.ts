import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { accessibilityViolations, useBrowserApp } from '../helpers/browser';
import { type Actor, createActor } from '../helpers/users';

const SECTION_PATH = '/c/ideal-government-it/governance';
const SPAM = 'Discount printer ink, delivered tomorrow — see our website';

const web = useBrowserApp();

/** A page in its own browser context, signed in as `actor`, at `path`. */
async function openAs(actor: Actor, path: string): Promise<Page> {
  const page = await (await web.signedIn(actor)).newPage();
  await page.goto(`${web.url}${path}`);
  return page;
}

describe('moderation in the browser', () => {
  it('a citizen reports a comment, a moderator hides it from the queue, and the citizen sees the tombstone', async () => {
    const spammer = await createActor(web.app);
    await spammer.inject({ method: 'POST', url: `/api/consultations/ideal-government-it/sections/governance/comments`, payload: { kind: 'general', body: SPAM } });

    const reader = await openAs(await createActor(web.app), SECTION_PATH);
    const item = reader.locator('agora-comment-item', { hasText: SPAM });
    await item.waitFor();
    await item.getByRole('button', { name: 'Report' }).click();
    await item.getByRole('button', { name: 'Send report' }).click();
    await item.getByText('There is a problem').waitFor();
    await expect.poll(() => reader.title(), { timeout: 10_000 }).toMatch(/^Error: /);
    await item.getByRole('link', { name: 'Select why you are reporting this comment' }).waitFor();
    await item.getByLabel('Spam').check();
    await item.getByRole('button', { name: 'Send report' }).click();
    await item.getByText('Thank you. A moderator will look at this comment.').waitFor();
    await expect.poll(() => reader.title(), { timeout: 10_000 }).not.toMatch(/^Error: /);

    const moderator = await createActor(web.app, 'moderator');
    const queue = await openAs(moderator, '/');
    await queue.getByRole('link', { name: 'Moderation', exact: true }).click();
    await queue.getByRole('heading', { level: 1, name: 'Moderation' }).waitFor();
    const entry = queue.locator('agora-queue-item', { hasText: SPAM });
    await entry.getByText('Reported once').waitFor();
    await entry.getByText(/^Spam from /).waitFor();
    expect(await accessibilityViolations(queue)).toEqual([]);

    await entry.getByRole('checkbox', { name: /^Select the comment by / }).check();
    await queue.getByLabel('Hide them, with the reason below').check();
    await queue.getByRole('button', { name: 'Apply to 1 selected comment' }).click();
    await queue.getByRole('link', { name: 'Enter the reason for hiding, which everyone will see' }).waitFor();
    await queue.getByLabel('Reason for hiding').fill('spam');
    await queue.getByRole('button', { name: 'Apply to 1 selected comment' }).click();
    await queue.getByText('1 comment hidden.').waitFor();
    await queue.getByText('Nothing to review: no comment is').waitFor();

    // The reader's open page turns the comment into a tombstone live, and it stays one on reload.
    const tombstone = reader.locator('agora-comment-item', { hasText: 'Hidden by a moderator: spam' });
    await tombstone.waitFor();
    expect(await reader.getByText(SPAM).count()).toBe(0);
    await reader.reload();
    await tombstone.waitFor();
    expect(await reader.getByText(SPAM).count()).toBe(0);

    const log = await web.browser.newPage();
    await log.goto(web.url);
    await log.getByRole('link', { name: 'Moderation log' }).click();
    await log.getByRole('heading', { level: 1, name: 'Moderation log' }).waitFor();
    await log.getByRole('cell', { name: 'Hid a comment', exact: true }).waitFor();
    expect(await log.getByRole('cell', { name: 'spam', exact: true }).count()).toBe(1);
    expect(await log.content()).not.toContain(SPAM);
    expect(await accessibilityViolations(log)).toEqual([]);
  });

  it('shows the author their hidden comment with the reason', async () => {
    const author = await createActor(web.app);
    const body = 'A remark the moderators did not like';
    const { comment } = (await author.inject({ method: 'POST', url: `/api/consultations/ideal-government-it/sections/governance/comments`, payload: { kind: 'general', body } })).json();
    await (await createActor(web.app, 'moderator')).inject({ method: 'POST', url: `/api/comments/${comment.id}/hide`, payload: { reason: 'personal attack' } });
    const page = await openAs(author, `${SECTION_PATH}#comment-${comment.id}`);
    const item = page.locator('agora-comment-item', { hasText: body });
    await item.getByText('Hidden by a moderator: personal attack').waitFor();
  });

  it('a moderator closes a thread in place; citizens see why and cannot reply; an editor answers officially', async () => {
    const author = await createActor(web.app);
    const body = 'When will the final strategy be published?';
    const { comment } = (await author.inject({ method: 'POST', url: `/api/consultations/ideal-government-it/sections/governance/comments`, payload: { kind: 'question', body } })).json();
    const note = 'Comments are now closed: answered in the introduction.';

    const moderator = await openAs(await createActor(web.app, 'moderator'), `${SECTION_PATH}#comment-${comment.id}`);
    const item = moderator.locator('agora-comment-item', { hasText: body });
    await item.getByRole('button', { name: 'Close thread' }).click();
    await item.getByRole('button', { name: 'Close the thread' }).click();
    await item.getByText('There is a problem').waitFor();
    await item.getByLabel('Note for the closed thread').fill('answered in the introduction.');
    await item.getByRole('button', { name: 'Close the thread' }).click();
    await moderator.getByText(note).waitFor();
    expect(await accessibilityViolations(moderator)).toEqual([]);

    const reader = await openAs(await createActor(web.app), `${SECTION_PATH}#comment-${comment.id}`);
    await reader.getByText(note).waitFor();
    expect(await reader.locator('agora-comment-item', { hasText: body }).getByRole('button', { name: 'Reply' }).count()).toBe(0);

    const editor = await openAs(await createActor(web.app, 'editor'), `${SECTION_PATH}#comment-${comment.id}`);
    await editor.locator('agora-comment-item', { hasText: body }).getByRole('button', { name: 'Post an official response' }).click();
    await editor.getByLabel('Your reply').fill('It will be published in June.');
    await editor.getByRole('button', { name: 'Post reply' }).click();
    await editor.locator('agora-comment-item', { hasText: 'It will be published in June.' }).getByText('Official response', { exact: true }).waitFor();
  });
});
