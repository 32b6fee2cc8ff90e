import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { QuestionList } from '../../server/contracts/questions';
import { commentItem, DEVICES, expectSoundPage, press, useBrowserApp } from '../helpers/browser';
import { createActor } from '../helpers/users';

const web = useBrowserApp();
const SLUG = 'ideal-government-it';

const questions = async (): Promise<QuestionList['questions']> => (await web.app.inject(`/api/consultations/${SLUG}/questions`)).json().questions;

/** The number in the "Responses" cell of the dashboard table row headed `label`. */
const cellOf = (page: Page, table: string, label: string) =>
  page.locator('agora-dashboard-chart').filter({ has: page.getByRole('heading', { name: table }) }).getByRole('row').filter({ has: page.getByRole('rowheader', { name: label }) }).getByRole('cell');

describe.each(DEVICES)('questions and the dashboard on a $name', (device) => {
  it('a respondent answers a question on behalf of an organisation, and sees it in the section', { timeout: 120_000 }, async () => {
    const [first] = await questions();
    const context = await web.signedIn(await createActor(web.app, 'citizen'), await web.browser.newContext(device.options));
    const page = await context.newPage();
    await page.goto(`${web.url}/c/${SLUG}`);
    await press(device, page.getByRole('link', { name: 'Answer the questions' }));
    await page.getByRole('heading', { name: 'Questions for respondents', level: 1 }).waitFor();

    await press(device, page.getByLabel('On behalf of an organisation'));
    const answer = page.getByLabel(`1. ${first!.text}`);
    await answer.fill(`Councils should set local priorities within shared standards (${device.id}).`);
    await press(device, page.getByRole('button', { name: 'Send your answers' }));
    // The organisation was not named: the GOV.UK error pattern, with what was typed kept.
    await page.getByRole('link', { name: 'Enter the name of the organisation you respond for.' }).waitFor();
    await expect.poll(() => page.title()).toMatch(/^Error: /);
    expect(await answer.inputValue()).toContain('local priorities');

    await page.getByLabel('Name of the organisation').fill(`Association of Town Councils ${device.id}`);
    await press(device, page.getByRole('button', { name: 'Send your answers' }));
    const saved = page.getByRole('link', { name: 'Your answer to question 1' });
    await saved.waitFor();
    // The form is empty again, ready for more answers.
    expect(await answer.inputValue()).toBe('');
    await expectSoundPage(page, `h4-questions-answered-${device.id}`);

    await press(device, saved);
    const comment = commentItem(page, `local priorities within shared standards (${device.id})`);
    await comment.waitFor();
    await comment.getByText(`for Association of Town Councils ${device.id}`).waitFor();
    expect(await comment.getByRole('link', { name: 'Answers one of the consultation’s questions' }).count()).toBe(1);
    await comment.screenshot({ path: `/tmp/agora-h4-answer-comment-${device.id}.png` });
    await expectSoundPage(page, `h4-answer-in-section-${device.id}`);

    // Search finds it among the answers to that question.
    await page.goto(`${web.url}/search`);
    await page.getByLabel('Words to find').fill(`priorities ${device.id}`);
    await page.getByLabel('Consultation', { exact: true }).selectOption({ label: 'An ideal government IT strategy' });
    await page.getByLabel('Answers to question').selectOption({ label: `1. ${first!.text}` });
    await press(device, page.getByRole('button', { name: 'Search' }));
    await page.getByRole('heading', { name: 'In comments' }).waitFor();
    expect(await page.getByText(`(${device.id})`).count()).toBeGreaterThan(0);
    await expect.poll(() => page.url()).toContain(`question=${first!.id}`);
    await expectSoundPage(page, `h4-search-question-${device.id}`);
    await context.close();
  });

  it('an editor opens the dashboard from the header, reads its tables, and sees a new response arrive live', { timeout: 120_000 }, async () => {
    const all = await questions();
    const second = all[1]!;
    const context = await web.signedIn(await createActor(web.app, 'editor'), await web.browser.newContext(device.options));
    const page = await context.newPage();
    await page.goto(`${web.url}/c/${SLUG}`);
    await press(device, page.getByRole('link', { name: 'Dashboard' }));
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Responses by question' }).waitFor();
    const cell = cellOf(page, 'Responses by question', `2. ${second.text}`);
    const before = Number(await cell.textContent());
    const total = page.locator('#total');
    const totalBefore = Number((await total.textContent())!.match(/\d+/)![0]);

    const citizen = await createActor(web.app, 'citizen');
    const response = await citizen.inject({
      method: 'POST',
      url: `/api/consultations/${SLUG}/answers`,
      payload: { respondent: { type: 'individual' }, answers: [{ questionId: second.id, body: `Boards need one technologist at least (${device.id}).` }] },
    });
    expect(response.statusCode).toBe(201);
    await expect.poll(() => cell.textContent(), { timeout: 15_000 }).toBe(String(before + 1));
    await expect.poll(async () => Number((await total.textContent())!.match(/\d+/)![0])).toBe(totalBefore + 1);
    expect(await page.locator('agora-dashboard-chart svg').count()).toBeGreaterThanOrEqual(4);
    await expectSoundPage(page, `h4-dashboard-${device.id}`);
    await context.close();
  });
});

describe.each(DEVICES)('editors managing the questions on a $name', (device) => {
  it('adds a question to a section, moves it up, and is told when a rewording is empty', { timeout: 120_000 }, async () => {
    const context = await web.signedIn(await createActor(web.app, 'editor'), await web.browser.newContext(device.options));
    const page = await context.newPage();
    await page.goto(`${web.url}/c/${SLUG}/questions`);
    const manager = page.locator('agora-question-manager');
    await manager.getByRole('heading', { name: 'Manage the questions' }).waitFor();
    const before = await questions();

    await press(device, manager.getByRole('button', { name: 'Add a question' }));
    const text = `Which service should be rebuilt first (${device.id})?`;
    await manager.getByLabel('New question').fill(text);
    await manager.getByLabel('Section it is about').selectOption({ label: 'Service design' });
    await press(device, manager.getByRole('button', { name: 'Add the question' }));
    await expect.poll(async () => (await questions()).map((q) => q.text)).toEqual([...before.map((q) => q.text), text]);
    const added = manager.getByRole('listitem').filter({ hasText: text });
    await added.waitFor();
    expect(await added.getByText('(Service design)').count()).toBe(1);

    await press(device, added.getByRole('button', { name: /^Move up/ }));
    await expect.poll(async () => (await questions()).findIndex((q) => q.text === text)).toBe(before.length - 1);
    // The answer form follows the new numbering.
    await page.getByLabel(`${before.length}. ${text}`).waitFor();

    await press(device, manager.getByRole('listitem').filter({ hasText: text }).getByRole('button', { name: /^Edit/ }));
    await manager.getByLabel(`Question ${before.length}`).fill('   ');
    await press(device, manager.getByRole('button', { name: 'Save the question' }));
    await manager.getByRole('link', { name: 'Enter the question.' }).waitFor();
    await expect.poll(() => page.title()).toMatch(/^Error: /);
    expect((await questions()).map((q) => q.text)).toContain(text);
    await expectSoundPage(page, `h4-manage-questions-${device.id}`);
    await context.close();
  });
});
