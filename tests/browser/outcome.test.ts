import { describe, expect, it } from 'vitest';
import { commentItem, DEVICES, expectSoundPage, press, useBrowserApp } from '../helpers/browser';
import { createConsultation, SAMPLE_MARKDOWN } from '../helpers/factories';
import { createActor } from '../helpers/users';

// An editor marks a comment (never orphaned) as addressed by a later version; once the outcome is
// out, anyone reads what changed, who it credits, and the numbers, and follows a link to the diff.

const web = useBrowserApp();
const DAY = 24 * 60 * 60 * 1000;

describe.each(DEVICES)('the outcome on a $name', (device) => {
  it('credits the comment an editor marked as addressed, and links each version to its differences', { timeout: 120_000 }, async () => {
    const slug = `outcome-${device.id}`;
    const base = `/api/consultations/${slug}`;
    await createConsultation(web.app.db, { slug, title: 'Spending in the open', opensAt: new Date(Date.now() - 10 * DAY).toISOString(), sections: [{ slug: 'governance', title: 'Governance', markdown: SAMPLE_MARKDOWN }] });
    // The draft as consulted on dates from before the opening.
    await web.app.db.updateTable('revisions').set({ created_at: new Date(Date.now() - 20 * DAY).toISOString() }).where('summary', '=', 'First published text').execute();
    const citizen = await createActor(web.app, 'citizen');
    const editor = await createActor(web.app, 'editor');
    const body = 'Please say who publishes the quarterly figures.';
    await citizen.inject({ method: 'POST', url: `${base}/sections/governance/comments`, payload: { kind: 'suggestion', body } });
    await editor.inject({ method: 'POST', url: `${base}/sections/governance/revisions`, payload: { baseRevision: 1, markdown: `${SAMPLE_MARKDOWN}\nThe Treasury publishes the figures.\n`, summary: 'Says who publishes the figures' } });

    const context = await web.signedIn(editor, await web.browser.newContext(device.options));
    const page = await context.newPage();
    await page.goto(`${web.url}/c/${slug}/governance`);
    const item = commentItem(page, body);
    await item.getByLabel('Addressed in').selectOption('2');
    await press(device, item.getByRole('button', { name: 'Mark as addressed' }));
    await item.getByText(/Addressed in\s+version 2\s+\(marked by/).waitFor();
    await expectSoundPage(page, `h3-addressed-${device.id}`);
    await context.close();

    await editor.inject({ method: 'PATCH', url: base, payload: { closesAt: new Date().toISOString() } });
    await editor.inject({ method: 'PUT', url: `${base}/outcome`, payload: { markdown: 'We made the spending figures **named and dated**.' } });

    const visitor = await (await web.browser.newContext(device.options)).newPage();
    await visitor.goto(`${web.url}/c/${slug}`);
    await press(device, visitor.getByRole('link', { name: 'The outcome' }));
    await visitor.getByRole('heading', { level: 1, name: 'Outcome: Spending in the open' }).waitFor();
    await visitor.getByText('named and dated').waitFor();
    await visitor.getByText('Says who publishes the figures').waitFor();
    const credit = visitor.locator('blockquote', { hasText: body });
    await credit.getByRole('link', { name: /Citizen .*, suggestion/ }).waitFor();
    expect(await visitor.getByRole('row', { name: /Governance/ }).innerText()).toMatch(/Governance\s+0\s+0\s+0\s+1\s+0\s+0\s+1/);
    await visitor.getByText(/^1 response \(comments on the text/).waitFor();
    expect(await visitor.getByRole('row', { name: /All sections/ }).innerText()).toMatch(/All sections\s+0\s+0\s+0\s+1\s+0\s+0\s+1/);
    await expectSoundPage(visitor, `h3-outcome-${device.id}`);
    await press(device, visitor.getByRole('link', { name: /What changed from version 1/ }));
    await visitor.getByRole('heading', { level: 2, name: 'Changes from version 1 to version 2' }).waitFor();
    await visitor.locator('agora-diff-view ins', { hasText: 'The Treasury publishes the figures.' }).first().waitFor();
    await visitor.context().close();
  });
});
