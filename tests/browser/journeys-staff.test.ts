import { describe, expect, it } from 'vitest';
import { CLOSING_NOTE } from '../../server/cli/demo-discussion';
import { commentItem, DEVICES, expectSoundPage, press, useBrowserApp } from '../helpers/browser';

// The README's "Try every role" journeys of the editor, the moderator and the admin, on the demo
// data, at both sizes, with real input only.

const SECTION_PATH = '/c/ideal-government-it/governance';
const TOM_PROPOSAL = 'Make central spending review fit with local decision-making';
const MINISTER_THREAD = 'A minister with technology in their title will not fix much by themselves.';
const SAMS_COPY = 'Posting this again because it matters.';

const web = useBrowserApp({ demo: true });

describe.each(DEVICES)('staff on a $name', { timeout: 180_000 }, (device) => {
  it('eleanor merges Tom’s proposal, compares versions 1 and 2, and answers in the closed thread', async () => {
    const page = await web.openAs('eleanor', device, SECTION_PATH);
    await page.getByRole('heading', { level: 1, name: 'Governance' }).waitFor();
    await press(device, page.getByRole('link', { name: 'Proposed edits' }));
    await page.getByRole('heading', { level: 1, name: 'Proposed edits to Governance' }).waitFor();
    await press(device, page.getByRole('link', { name: new RegExp(TOM_PROPOSAL) }));
    await page.getByRole('heading', { level: 2, name: 'Changes' }).waitFor();
    await expectSoundPage(page, `eleanor-review-${device.id}`);
    await press(device, page.getByRole('button', { name: 'Merge proposal' }));
    await page.getByText(/Merged by Eleanor Price on .* as version 3 of the section/).waitFor();

    await page.goto(`${web.url}${SECTION_PATH}/history`);
    await page.getByRole('heading', { level: 2, name: 'Versions' }).waitFor();
    await press(device, page.getByLabel('Compare from version 1', { exact: true }));
    await press(device, page.getByLabel('Compare to version 2', { exact: true }));
    await press(device, page.getByRole('button', { name: 'Compare versions' }));
    await page.getByRole('heading', { level: 2, name: 'Changes from version 1 to version 2' }).waitFor();
    await page.locator('agora-diff-view ins', { hasText: 'What training or support would help' }).first().waitFor();
    await expectSoundPage(page, `eleanor-history-${device.id}`);

    await page.goto(`${web.url}${SECTION_PATH}`);
    const thread = commentItem(page, MINISTER_THREAD).first();
    const note = page.getByText(CLOSING_NOTE);
    await note.waitFor();
    // The note belongs to its thread: under the thread's first comment, and "closed" said once.
    expect((await note.boundingBox())!.y).toBeGreaterThan((await thread.boundingBox())!.y);
    expect((await note.innerText()).match(/closed/gi)).toHaveLength(1);
    await press(device, thread.getByRole('button', { name: 'Post an official response' }));
    await page.getByLabel('Your reply').fill('We will publish the hand-over plan with version 3.');
    await press(device, page.getByRole('button', { name: 'Post reply' }));
    await commentItem(page, 'We will publish the hand-over plan').getByText('Official response', { exact: true }).waitFor();
    await expectSoundPage(page, `eleanor-thread-${device.id}`);
    await page.context().close();
  });

  it('marcus handles the reported duplicate, hides and restores a comment, closes a thread and reads the log', async () => {
    const page = await web.openAs('marcus', device, '/moderation');
    await page.getByRole('heading', { level: 1, name: 'Moderation' }).waitFor();
    const entry = page.locator('agora-queue-item', { hasText: SAMS_COPY });
    await entry.getByText('Reported once').waitFor();
    // Blocking the author is offered, but hiding everything they wrote is never the default.
    await press(device, entry.getByRole('button', { name: 'Block Sam Whitfield' }));
    expect(await entry.getByLabel('Also hide all their comments, with the same reason').isChecked()).toBe(false);
    await expectSoundPage(page, `marcus-queue-${device.id}`);
    await press(device, entry.getByRole('button', { name: 'Cancel' }));

    await press(device, entry.getByRole('checkbox', { name: /^Select the comment by / }));
    await press(device, page.getByLabel('Hide them, with the reason below'));
    await page.getByLabel('Reason for hiding').fill('duplicate of another comment');
    await press(device, page.getByRole('button', { name: 'Apply to 1 selected comment' }));
    await page.getByText('1 comment hidden.').waitFor();

    await page.goto(`${web.url}${SECTION_PATH}`);
    const hidden = commentItem(page, 'Hidden by a moderator: duplicate of another comment');
    await press(device, hidden.getByRole('button', { name: 'Restore' }));
    await commentItem(page, SAMS_COPY).getByRole('button', { name: 'Hide' }).waitFor();

    const question = commentItem(page, 'What would this training actually cover').first();
    await press(device, question.getByRole('button', { name: 'Close thread' }));
    await question.getByLabel('Note for the closed thread').fill('answered by the editor in version 2.');
    await press(device, question.getByRole('button', { name: 'Close the thread' }));
    await page.getByText('Comments are now closed: answered by the editor in version 2.').waitFor();
    await expectSoundPage(page, `marcus-section-${device.id}`);

    await page.goto(`${web.url}/moderation/log`);
    await page.getByRole('heading', { level: 1, name: 'Moderation log' }).waitFor();
    await page.getByRole('cell', { name: 'Hid a comment', exact: true }).first().waitFor();
    expect(await page.getByRole('cell', { name: 'duplicate of another comment', exact: true }).count()).toBeGreaterThan(0);
    await expectSoundPage(page, `marcus-log-${device.id}`);
    await page.context().close();
  });

  it('alex changes a role and blocks an account at /admin/users', async () => {
    const page = await web.openAs('alex', device, '/');
    await press(device, page.getByRole('link', { name: 'Manage accounts' }));
    await page.getByRole('rowheader', { name: 'sam', exact: true }).waitFor();
    await page.getByLabel('Role for sam', { exact: true }).selectOption('editor');
    await press(device, page.getByRole('button', { name: 'Change role for sam' }));
    await page.getByRole('status').getByText('sam is now an editor.').waitFor();

    await press(device, page.getByRole('button', { name: 'Block tom' }));
    await page.getByLabel('Reason for blocking tom', { exact: true }).fill('Shared his password');
    await press(device, page.getByRole('button', { name: 'Block account' }));
    await page.getByRole('status').getByText('tom is blocked').waitFor();
    await expectSoundPage(page, `alex-${device.id}`);
    await page.context().close();
  });
});
