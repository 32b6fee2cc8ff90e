import { describe, expect, it } from 'vitest';
import { writeTransaction } from '../../server/db/write-transaction';
import { publishRevision } from '../../server/commands/publish-revision';
import { accessibilityViolations, useBrowserApp } from '../helpers/browser';
import { createActor } from '../helpers/users';

const SECTION_PATH = '/c/ideal-government-it/governance';
const SENTENCE = 'Yet inside government it is still often treated as back-office plumbing.';
const PROPOSED = 'Yet inside government it is still too often treated as a cost to be cut rather than a way to improve services.';

const web = useBrowserApp();

describe('proposing an edit and merging it', () => {
  it('a citizen proposes with a live preview and an autosaved draft; an editor reviews the diff and merges it', async () => {
    const citizen = await (await web.signedIn(await createActor(web.app, 'citizen'))).newPage();
    await citizen.goto(`${web.url}${SECTION_PATH}`);
    await citizen.getByRole('heading', { level: 1, name: 'Governance' }).waitFor();
    await citizen.getByRole('link', { name: 'Suggest an edit' }).click();
    await citizen.getByRole('heading', { level: 1, name: 'Suggest an edit to Governance' }).waitFor();

    const text = citizen.getByLabel('Your version of the text');
    const original = await text.inputValue();
    expect(original).toContain(SENTENCE);
    await text.fill(original.replace(SENTENCE, PROPOSED));
    await citizen.getByRole('region', { name: 'Preview' }).getByText(PROPOSED).waitFor();
    await citizen.getByText(/^Draft saved at \d\d:\d\d$/).waitFor();
    expect(await accessibilityViolations(citizen)).toEqual([]);

    // The draft is on the server: a reload (or closing the tab) loses nothing.
    await citizen.reload();
    await citizen.getByRole('heading', { level: 1, name: 'Suggest an edit to Governance' }).waitFor();
    expect(await citizen.getByLabel('Your version of the text').inputValue()).toContain(PROPOSED);

    await citizen.getByRole('button', { name: 'Submit proposal' }).click();
    // Without a summary the server refuses, and the GOV.UK error summary says why.
    await citizen.getByRole('link', { name: 'Enter a summary of your change.' }).waitFor();
    await expect.poll(() => citizen.title(), { timeout: 10_000 }).toMatch(/^Error: /);
    await citizen.getByLabel('Summary of your change').fill('Say what the problem with technology really is');
    await citizen.getByRole('button', { name: 'Submit proposal' }).click();
    await citizen.getByRole('heading', { level: 1, name: /Say what the problem with technology really is/ }).waitFor();
    const proposalPath = new URL(citizen.url()).pathname;
    expect(proposalPath).toMatch(/^\/p\/\d+$/);

    const editor = await (await web.signedIn(await createActor(web.app, 'editor'))).newPage();
    await editor.goto(`${web.url}${SECTION_PATH}`);
    await editor.getByRole('link', { name: 'Proposed edits' }).click();
    await editor.getByRole('link', { name: /Say what the problem with technology really is/ }).click();
    await editor.getByRole('heading', { level: 2, name: 'Changes' }).waitFor();
    const changes = editor.locator('agora-diff-view').first();
    await changes.locator('ins', { hasText: 'too' }).first().waitFor();
    await changes.locator('del', { hasText: 'back-office' }).first().waitFor();
    await changes.getByLabel('Side by side').check();
    await changes.getByRole('columnheader', { name: 'Proposed text' }).waitFor();
    expect(await accessibilityViolations(editor)).toEqual([]);

    await editor.getByRole('button', { name: 'Merge proposal' }).click();
    await editor.getByText(/Merged by Editor \d+ on .* as version 2 of the section/).waitFor();

    await editor.goto(`${web.url}${SECTION_PATH}`);
    await editor.getByRole('heading', { level: 1, name: 'Governance' }).waitFor();
    await editor.locator('article').getByText(PROPOSED).waitFor();
    expect(await editor.locator('article').innerText()).not.toContain('back-office plumbing');
    await citizen.context().close();
    await editor.context().close();
  });

  it('an editor settles a conflict with a section that changed since the proposal, in the page', async () => {
    const api = '/api/consultations/ideal-government-it/sections/architecture';
    const original: string = (await web.app.inject(api)).json().section.revision.markdown;
    const first = 'Good architecture is mostly invisible to the public.';
    const citizen = await createActor(web.app, 'citizen');
    const proposed = await citizen.inject({
      method: 'POST',
      url: `${api}/proposals`,
      payload: { baseRevision: 1, markdown: original.replace(first, 'Good architecture is invisible to the public.'), summary: 'Shorter' },
    });
    const { id: sectionId } = await web.app.db.selectFrom('sections').select('id').where('slug', '=', 'architecture').executeTakeFirstOrThrow();
    await writeTransaction(web.app.db, (trx) =>
      publishRevision(trx, { sectionId, markdown: original.replace(first, 'Good architecture is mostly unseen by the public.'), summary: 'Wording', authorId: null }),
    );

    const editor = await (await web.signedIn(await createActor(web.app, 'editor'))).newPage();
    await editor.goto(`${web.url}/p/${proposed.json().proposal.id}`);
    await editor.getByText('1 passage was changed both here and in the section').waitFor();
    await editor.getByRole('button', { name: 'Merge with these choices' }).click();
    await editor.getByRole('link', { name: 'Choose which text to keep for conflict 1' }).waitFor();
    await editor.getByLabel('Keep proposed text').check();
    await editor.getByRole('button', { name: 'Merge with these choices' }).click();
    await editor.getByText(/Merged by Editor \d+ on .* as version 3 of the section/).waitFor();
    const merged: string = (await web.app.inject(api)).json().section.revision.markdown;
    expect(merged).toContain('Good architecture is invisible to the public.');
    await editor.context().close();
  });
});
