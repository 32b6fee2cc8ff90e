import { describe, expect, it } from 'vitest';
import { accessibilityViolations, useBrowserApp } from '../helpers/browser';
import { anchorOn, postOk } from '../helpers/comments';
import { createActor } from '../helpers/users';

const SECTION_PATH = '/c/ideal-government-it/governance';
const SECTION_API = '/api/consultations/ideal-government-it/sections/governance';
const PASSAGE = 'Pre-legislative technology scrutiny and impact assessments should be normal practice';
const REWORDED = 'Pre-legislative technology scrutiny and impact assessments should be standard practice';

const web = useBrowserApp();

describe('editing a section directly and reading its history', () => {
  it('an editor rewords a commented passage; the comment stays attached; the history shows both versions and a diff', async () => {
    const citizen = await createActor(web.app, 'citizen');
    const comment = await postOk(citizen, { kind: 'object', body: 'Normal is not enough: make it a legal duty.', anchor: await anchorOn(web.app, PASSAGE, SECTION_API) }, `${SECTION_API}/comments`);

    const page = await (await web.signedIn(await createActor(web.app, 'editor'))).newPage();
    await page.goto(`${web.url}${SECTION_PATH}`);
    await page.getByRole('heading', { level: 1, name: 'Governance' }).waitFor();
    await page.getByRole('link', { name: 'Edit this section' }).click();
    await page.getByRole('heading', { level: 1, name: 'Edit Governance' }).waitFor();

    const text = page.getByLabel('Text of the section');
    const original = await text.inputValue();
    expect(original).toContain(PASSAGE);
    await text.fill(original.replace(PASSAGE, REWORDED));
    await page.getByRole('region', { name: 'Preview' }).getByText(REWORDED).waitFor();
    await page.getByLabel('What did you change?').fill('Stronger wording on scrutiny');
    await page.getByRole('button', { name: 'Publish this version' }).click();
    await page.getByRole('heading', { name: 'Version 2 published' }).waitFor();

    // The comment follows its passage: it is counted on the reworded block and quotes the new words.
    await page.getByRole('link', { name: 'Read it' }).click();
    await page.getByRole('heading', { level: 1, name: 'Governance' }).waitFor();
    await page.getByRole('button', { name: /^1 comment on this passage: “Technology at the start of policy/ }).click();
    const item = page.locator('agora-comment-item').filter({ hasText: 'Normal is not enough' });
    await item.getByText(`“${REWORDED}”`).waitFor();
    expect(await page.getByRole('heading', { name: 'The passage this referred to was changed' }).count()).toBe(0);
    const { comments } = (await web.app.inject(`${SECTION_API}/comments`)).json();
    expect(comments.find((c: { id: number }) => c.id === comment.id).anchor).toMatchObject({ exact: REWORDED, state: 'moved' });

    await page.getByRole('link', { name: 'History' }).click();
    await page.getByRole('heading', { level: 1, name: 'History of Governance' }).waitFor();
    const rows = page.getByRole('table').getByRole('row');
    await rows.filter({ hasText: 'Stronger wording on scrutiny' }).waitFor();
    expect(await rows.count()).toBe(3); // the header and two versions
    await page.getByRole('button', { name: 'Compare versions' }).click();
    await page.getByRole('heading', { name: 'Changes from version 1 to version 2' }).waitFor();
    const diff = page.locator('agora-diff-view');
    expect(await diff.locator('del').textContent()).toBe('[removed: normal]');
    expect(await diff.locator('ins').textContent()).toBe('[added: standard]');
    await diff.getByLabel('Side by side').check();
    await diff.getByRole('columnheader', { name: 'Version 2' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.close();
  });

  it('links an orphaned comment to the version it was written on, with the passage highlighted', async () => {
    const citizen = await createActor(web.app, 'citizen');
    const quote = 'Every shared framework and every major programme should have a named senior person';
    await postOk(citizen, { kind: 'question', body: 'Named by whom?', anchor: await anchorOn(web.app, quote, SECTION_API) }, `${SECTION_API}/comments`);
    const editor = await createActor(web.app, 'editor');
    const current = (await web.app.inject(SECTION_API)).json().section.revision;
    const item = current.markdown.split('\n').find((line: string) => line.includes(quote));
    const saved = await editor.inject({ method: 'POST', url: `${SECTION_API}/revisions`, payload: { baseRevision: current.number, markdown: current.markdown.replace(`${item}\n`, ''), summary: 'Drop clear ownership' } });
    expect(saved.statusCode).toBe(201);

    const page = await (await web.signedIn(editor)).newPage();
    await page.goto(`${web.url}${SECTION_PATH}`);
    await page.getByRole('heading', { name: 'The passage this referred to was changed' }).waitFor();
    await page.getByRole('link', { name: `See the passage in version ${current.number}` }).click();
    await page.getByRole('heading', { level: 1, name: `Governance: version ${current.number}` }).waitFor();
    expect(await page.locator('agora-revision-view mark').allInnerTexts()).toEqual([quote]);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.close();
  });

  it('brings the editor to the conflict view, with their text kept, when someone else changed the same words', async () => {
    const editor = await createActor(web.app, 'editor');
    const page = await (await web.signedIn(editor)).newPage();
    await page.goto(`${web.url}${SECTION_PATH}/edit`);
    const text = page.getByLabel('Text of the section');
    const original = await text.inputValue();
    const sentence = 'Business plans and technology plans should be written together.';
    await text.fill(original.replace(sentence, 'Business and technology plans should be one plan.'));
    await page.getByLabel('What did you change?').fill('One plan');

    // Meanwhile another editor publishes a change to the same sentence.
    const current = (await web.app.inject(SECTION_API)).json().section.revision;
    const other = await (await createActor(web.app, 'editor')).inject({
      method: 'POST',
      url: `${SECTION_API}/revisions`,
      payload: { baseRevision: current.number, markdown: current.markdown.replace(sentence, 'Business plans should include technology plans.'), summary: 'Merge the plans' },
    });
    expect(other.statusCode).toBe(201);

    await page.getByRole('button', { name: 'Publish this version' }).click();
    await page.getByRole('heading', { name: 'Someone else changed the same part' }).waitFor();
    await page.getByRole('group', { name: 'Conflict 1 of 1' }).getByText('Business and technology plans should be one plan.').waitFor();
    await page.getByRole('button', { name: 'Publish with these choices' }).click();
    await page.getByRole('link', { name: 'Choose which text to keep for conflict 1' }).waitFor();
    await page.getByLabel('Keep your text').check();
    await page.getByRole('button', { name: 'Publish with these choices' }).click();
    await page.getByRole('heading', { name: /^Version \d+ published$/ }).waitFor();
    const published = (await web.app.inject(SECTION_API)).json().section.revision.markdown;
    expect(published).toContain('Business and technology plans should be one plan.');
    expect(published).not.toContain('Business plans should include technology plans.');
    await page.close();
  });
});
