import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { seedDemo } from '../../server/cli/demo-seed';
import type { CommentView } from '../../server/contracts/comments';
import { accessibilityViolations, useBrowserApp } from '../helpers/browser';
import { DESKTOP, dragOver, focused, PHONE, scrollsSideways } from '../helpers/real-input';

// README "Try every role", citizen amira: select a passage and comment on it, reply to the skills
// question, endorse — on the demo data, at desktop width with a mouse and on a phone by touch.

const SECTION = '/c/ideal-government-it/governance';
const COMMENTS_API = '/api/consultations/ideal-government-it/sections/governance/comments';
const SKILLS_QUESTION = 'What would this training actually cover';

const web = useBrowserApp();
vi.setConfig({ testTimeout: 90_000 });

beforeAll(async () => {
  await seedDemo(web.app);
});

/** Every comment on Governance as the server has them (all pages). */
async function serverComments(): Promise<CommentView[]> {
  const all: CommentView[] = [];
  for (let page: number | null = 1; page; ) {
    const list: { comments: CommentView[]; nextPage: number | null } = (await web.app.inject(`${COMMENTS_API}?sort=newest&page=${page}`)).json();
    all.push(...list.comments);
    page = list.nextPage;
  }
  return all;
}

/** Touch taps for the phone, mouse clicks for the desktop. */
async function press(page: Page, touch: boolean, target: Locator): Promise<void> {
  if (!touch) return target.click();
  await target.scrollIntoViewIfNeeded();
  const box = (await target.boundingBox())!;
  await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
}

async function signIn(page: Page, touch: boolean): Promise<void> {
  await page.goto(`${web.url}/sign-in?next=${encodeURIComponent(SECTION)}`);
  await page.getByLabel('Username', { exact: true }).fill('amira');
  await page.getByLabel('Password', { exact: true }).fill('try-as-citizen');
  await press(page, touch, page.getByRole('button', { name: 'Sign in' }));
  await page.getByRole('heading', { level: 1, name: 'Governance' }).waitFor();
  await page.getByRole('heading', { level: 2, name: /^Comments/ }).waitFor();
}

const widths = [
  { name: '1280 px with a mouse', options: DESKTOP, touch: false, shot: '1280', endorse: 'There have been schemes like this before' },
  { name: '360 px by touch', options: PHONE, touch: true, shot: '360', endorse: 'Version 2 of this section adds a question on training' },
] as const;

describe('citizen journey (amira)', () => {
  for (const { name, options, touch, shot, endorse } of widths) {
    it(`comments on a passage, replies to the skills question and endorses, at ${name}`, async () => {
      const context = await web.browser.newContext(options);
      const page = await context.newPage();
      await signIn(page, touch);
      const article = page.locator('article.prose');

      // 1. A passage: dragged over with the mouse, or the paragraph's own button on a phone.
      const paragraph = article.locator('[data-block-id]', { hasText: 'Pre-legislative technology scrutiny' }).first();
      const words = 'Pre-legislative technology scrutiny and impact assessments should be normal practice';
      let quoted: string;
      if (touch) {
        await press(page, true, page.getByRole('button', { name: /^Comment on this paragraph: “Technology expertise on every board/ }));
        const blocks: { text: string }[] = (await web.app.inject(COMMENTS_API.replace('/comments', ''))).json().section.revision.blocks;
        quoted = blocks.find((b) => b.text.startsWith('Technology expertise on every board'))!.text;
      } else {
        await dragOver(page, paragraph, words);
        await page.getByRole('button', { name: 'Comment on this', exact: true }).click();
        quoted = words;
      }
      const form = article.locator('agora-comment-form');
      await expect.poll(() => form.locator('blockquote').innerText()).toBe(`“${quoted}”`);
      await press(page, touch, form.getByLabel('I suggest a change'));
      const body = `Say who carries out the scrutiny (${shot}).`;
      await form.getByLabel('Your comment').fill(body);
      await press(page, touch, form.getByRole('button', { name: 'Post comment' }));
      await page.locator('agora-comment-item', { hasText: body }).waitFor();
      const posted = (await serverComments()).find((c) => c.body === body)!;
      expect(posted.anchor!.exact).toBe(quoted);
      expect(posted.author!.username).toBe('amira');
      await expect.poll(async () => (await focused(page)).id).toBe(`comment-${posted.id}`);

      // 2. A reply to the skills question.
      const question = page.locator('agora-comment-item', { hasText: SKILLS_QUESTION });
      await press(page, touch, question.getByRole('button', { name: 'Reply', exact: true }).first());
      const reply = `Training on contract management first, please (${shot}).`;
      await question.getByLabel('Your reply').fill(reply);
      await press(page, touch, question.getByRole('button', { name: 'Post reply' }));
      await page.locator('agora-comment-item', { hasText: reply }).waitFor();
      const stored = (await serverComments()).find((c) => c.body === reply)!;
      expect((await serverComments()).find((c) => c.id === stored.parentId)!.body).toContain(SKILLS_QUESTION);
      await expect.poll(async () => (await focused(page)).id).toBe(`comment-${stored.id}`);

      // 3. An endorsement.
      const endorsed = page.locator('agora-comment-item', { hasText: endorse }).last();
      const button = endorsed.getByRole('button', { name: 'Endorse', exact: true });
      await press(page, touch, button);
      await endorsed.getByRole('button', { name: '✓ Endorsed' }).waitFor();
      expect((await serverComments()).find((c) => c.body.includes(endorse))!.endorsements).toBeGreaterThanOrEqual(1);

      await page.screenshot({ path: `/tmp/h1-amira-${shot}.png` });
      expect(await scrollsSideways(page)).toBe(false);
      expect(await accessibilityViolations(page)).toEqual([]);
      await context.close();
    });
  }
});
