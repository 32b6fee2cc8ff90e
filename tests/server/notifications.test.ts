import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { NotificationList } from '../../server/contracts/notifications';
import { userChannel } from '../../server/contracts/live';
import type { App } from '../../server/platform/fastify';
import { postOk } from '../helpers/comments';
import { createConsultation } from '../helpers/factories';
import { LiveTestClient } from '../helpers/live';
import { mailTo, rawHeader, startMailServer, type TestMailServer } from '../helpers/mail';
import { act, report } from '../helpers/moderation';
import { buildTestApp } from '../helpers/test-app';
import { type Actor, createActor } from '../helpers/users';
import { withMyMarks } from '../../client/features/comments/my-marks';
import { appendEvent } from '../../server/events/event-log';
import { groupCommitStats, writeTransaction } from '../../server/db/write-transaction';
import { readCursor, saveCursor } from '../../server/features/notifications/notifications.repository';

let smtp: TestMailServer;
let app: App;
let ann: Actor;
let bob: Actor;
let consultationId: number;
beforeAll(async () => {
  smtp = await startMailServer();
});
afterAll(async () => smtp.close());
beforeEach(async () => {
  app = await buildTestApp({ smtpUrl: smtp.url });
  consultationId = (await createConsultation(app.db)).consultationId;
  ann = await withEmail(await createActor(app), 'ann@example.org');
  bob = await createActor(app);
});
afterEach(async () => {
  await app.close();
  smtp.messages.length = 0;
});

async function withEmail(actor: Actor, email: string): Promise<Actor> {
  await app.db.updateTable('users').set({ email, email_verified_at: new Date().toISOString() }).where('id', '=', actor.id).execute();
  return actor;
}
/** Lets the producer read the log, then returns what the bell shows. */
async function bell(actor: Actor): Promise<NotificationList> {
  await app.notifications.flush();
  return (await actor.inject({ method: 'GET', url: '/api/notifications' })).json();
}
const setDelivery = (actor: Actor, kind: string, delivery: string) =>
  actor.inject({ method: 'PUT', url: '/api/notifications/preferences', payload: { preferences: [{ kind, delivery }] } });

describe('notifications', () => {
  it('tells me of a reply to my comment in the bell and by email with a one-click unsubscribe', async () => {
    const mine = await postOk(ann, { body: 'Publish the spending every month.' });
    await postOk(bob, { body: 'Quarterly is plenty.', parentId: mine.id });
    const list = await bell(ann);
    expect(list.unread).toBe(1);
    // The reply's words go in the email sent at once, but are not kept: the reply may be hidden later.
    expect(list.notifications[0]).toMatchObject({ kind: 'comment_reply', body: '', read: false });
    expect(list.notifications[0]!.title).toContain('replied to your comment');
    expect(list.notifications[0]!.link).toMatch(/^\/c\/test-consultation\/governance#comment-\d+$/);
    expect((await bell(bob)).notifications).toHaveLength(0);

    const [mail] = await mailTo(app, smtp, 'ann@example.org');
    expect(mail!.text).toContain('Quarterly is plenty.');
    expect(rawHeader(mail!, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    const url = new URL(rawHeader(mail!, 'List-Unsubscribe')!.match(/^<([^>]+)>$/)![1]!);
    // What a mail program does (RFC 8058): a POST of the form field, no cookie.
    const unsubscribed = await app.inject({ method: 'POST', url: url.pathname + url.search, payload: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(unsubscribed.statusCode).toBe(200);
    expect(unsubscribed.json().kind).toBe('comment_reply');

    await postOk(bob, { body: 'Second reply.', parentId: mine.id });
    expect((await bell(ann)).unread).toBe(2);
    expect(await mailTo(app, smtp, 'ann@example.org')).toHaveLength(1);
  });

  it('reads events that tell nobody without a commit each, so cached pages stay cached', async () => {
    await postOk(ann, { body: 'Nobody follows this section.' });
    await app.notifications.flush();
    const logged = await app.db.selectFrom('events').select(['channel', 'payload']).where('type', '=', 'comment.created').executeTakeFirstOrThrow();
    // The same event five times more, appended directly: no request wakes the producer meanwhile.
    await writeTransaction(app.db, async (trx) => {
      for (let i = 0; i < 5; i++) await appendEvent(trx, logged.channel, 'comment.created', JSON.parse(logged.payload));
    });
    const before = groupCommitStats(app.db).writes;
    await app.notifications.flush();
    // One write: the producer's place in the log, saved once for the whole pass.
    expect(groupCommitStats(app.db).writes - before).toBe(1);
    expect((await bell(ann)).notifications).toHaveLength(0);
  });

  it('never moves the place in the log back: an instance that read less leaves it where it is', async () => {
    await writeTransaction(app.db, (trx) => saveCursor(trx, 'notifications', 50));
    await writeTransaction(app.db, (trx) => saveCursor(trx, 'notifications', 40));
    expect(await readCursor(app.db, 'notifications')).toBe(50);
  });

  it('refuses a forged unsubscribe link', async () => {
    const forged = await app.inject({ method: 'POST', url: `/api/notifications/unsubscribe?token=${ann.id}.comment_reply.AAAAAAAAAAAAAAAAAAAA` });
    expect(forged.statusCode).toBe(400);
    expect(forged.json().error.field).toBe('token');
  });

  it('tells an author their comment was hidden, with the reason, and restored', async () => {
    const moderator = await createActor(app, 'moderator');
    const mine = await postOk(ann, { body: 'Something borderline.' });
    expect((await act(moderator, mine.id, 'hide', { reason: 'Personal attack on another respondent' })).statusCode).toBe(200);
    expect((await act(moderator, mine.id, 'restore')).statusCode).toBe(200);
    const { notifications } = await bell(ann);
    expect(notifications.map((n) => [n.kind, n.title])).toEqual([
      ['comment_moderated', 'A moderator restored your comment'],
      ['comment_moderated', 'A moderator hid your comment'],
    ]);
    expect(notifications[1]!.body).toBe('Reason: Personal attack on another respondent');
  });

  it('follows a thread in one click and collects its replies into a daily digest', async () => {
    const thread = await postOk(bob, { body: 'Is quarterly enough?', kind: 'question' });
    expect((await ann.inject({ method: 'PUT', url: `/api/follows/comments/${thread.id}` })).json()).toEqual({ following: true });
    expect((await ann.inject({ method: 'GET', url: `/api/follows/comments/${thread.id}` })).json()).toEqual({ following: true });
    const editor = await createActor(app, 'editor');
    await postOk(editor, { body: 'Yes: every quarter, within a month.', parentId: thread.id });
    const { notifications } = await bell(ann);
    expect(notifications[0]).toMatchObject({ kind: 'followed_activity' });
    // Followed activity is a daily digest by default: nothing yet…
    expect(await mailTo(app, smtp, 'ann@example.org')).toHaveLength(0);
    // …until the oldest waiting item is a day old.
    await app.db.updateTable('notifications').set({ created_at: new Date(Date.now() - 25 * 60 * 60 * 1000).toISOString() }).execute();
    await app.notifications.flush();
    const [digest] = await mailTo(app, smtp, 'ann@example.org');
    expect(digest!.subject).toBe('Your daily Agora digest: 1 notification');
    expect(digest!.text).toContain('answered a question you follow');
    await app.notifications.flush();
    expect(await mailTo(app, smtp, 'ann@example.org')).toHaveLength(1);

    expect((await ann.inject({ method: 'DELETE', url: `/api/follows/comments/${thread.id}` })).json()).toEqual({ following: false });
    await postOk(editor, { body: 'Another answer.', parentId: thread.id });
    expect((await bell(ann)).notifications).toHaveLength(1);
  });

  it('marks the threads I follow on the shared comments page and its permalinks, for me alone', async () => {
    const COMMENTS = '/api/consultations/test-consultation/sections/governance/comments';
    const followed = await postOk(bob, { body: 'Is quarterly enough?', kind: 'question' });
    const other = await postOk(bob, { body: 'Another thread.' });
    const reply = await postOk(bob, { body: 'A reply.', parentId: followed.id });
    // The signed-out page is read (and cached) before and after: it never carries anyone's marks.
    const signedOut = async () => (await app.inject({ method: 'GET', url: COMMENTS })).json().comments as { id: number; followedByMe?: boolean }[];
    expect((await signedOut()).every((comment) => comment.followedByMe === undefined)).toBe(true);
    await ann.inject({ method: 'PUT', url: `/api/follows/comments/${reply.id}` });
    const marks = async (actor: Actor) =>
      Object.fromEntries(withMyMarks((await actor.inject({ method: 'GET', url: COMMENTS })).json()).comments.map((c) => [c.id, c.followedByMe]));
    // Following from a reply follows its whole thread; only top-level comments carry the mark.
    expect(await marks(ann)).toEqual({ [followed.id]: true, [other.id]: false, [reply.id]: undefined });
    expect(await marks(bob)).toEqual({ [followed.id]: false, [other.id]: false, [reply.id]: undefined });
    expect((await signedOut()).every((comment) => comment.followedByMe === undefined)).toBe(true);
    const permalink = (await ann.inject({ method: 'GET', url: `/api/comments/${reply.id}` })).json();
    expect(permalink.thread[0]).toMatchObject({ id: followed.id, followedByMe: true });

    await ann.inject({ method: 'DELETE', url: `/api/follows/comments/${followed.id}` });
    expect((await marks(ann))[followed.id]).toBe(false);
  });

  it('tells the author of a thread they also follow of a reply once, and of an official response in it once', async () => {
    const mine = await postOk(ann, { body: 'Will this be funded?', kind: 'question' });
    await ann.inject({ method: 'PUT', url: `/api/follows/comments/${mine.id}` });
    await postOk(bob, { body: 'I wondered too.', parentId: mine.id });
    expect((await bell(ann)).notifications.map((n) => n.kind)).toEqual(['comment_reply']);

    const moderator = await createActor(app, 'moderator');
    expect((await act(moderator, mine.id, 'close', { note: 'Answered below.' })).statusCode).toBe(200);
    await postOk(await createActor(app, 'editor'), { body: 'Yes: the budget is in section 4.', parentId: mine.id });
    const { notifications } = await bell(ann);
    expect(notifications.map((n) => n.kind)).toEqual(['official_response', 'comment_reply']);
    expect(notifications[0]!.title).toContain('gave an official response in your thread');
    // Bob replied in the thread but follows nothing: the official response is not his to hear of.
    expect((await bell(bob)).notifications).toEqual([]);
  });

  it('follows a section: new threads there are notified', async () => {
    expect((await ann.inject({ method: 'PUT', url: '/api/follows/sections/test-consultation/governance' })).statusCode).toBe(200);
    await postOk(bob, { body: 'A new thread.' });
    expect((await bell(ann)).notifications[0]!.title).toContain('commented on a section you follow');
    const { follows } = (await ann.inject({ method: 'GET', url: '/api/follows' })).json();
    expect(follows).toEqual([expect.objectContaining({ target: 'section', link: '/c/test-consultation/governance' })]);
    expect((await ann.inject({ method: 'PUT', url: '/api/follows/sections/test-consultation/nope' })).statusCode).toBe(404);
  });

  it('tells everyone who commented when the outcome is published', async () => {
    await postOk(ann, { body: 'My view.' });
    await postOk(bob, { body: 'My other view.' });
    await app.db.updateTable('consultations').set({ closes_at: new Date(Date.now() - 1000).toISOString() }).where('id', '=', consultationId).execute();
    const editor = await createActor(app, 'editor');
    const published = await editor.inject({ method: 'PUT', url: '/api/consultations/test-consultation/outcome', payload: { markdown: 'We heard you, and changed section 2.' } });
    expect(published.statusCode).toBe(200);
    for (const actor of [ann, bob]) {
      const [first] = (await bell(actor)).notifications;
      expect(first).toMatchObject({ kind: 'outcome_published', link: '/c/test-consultation', title: 'The outcome of “A test consultation” is published' });
    }
    const [mail] = await mailTo(app, smtp, 'ann@example.org');
    expect(mail!.subject).toBe('The outcome of “A test consultation” is published');
  });

  it('tells editors of a new proposal, and its author when it is rejected, with the note', async () => {
    const editor = await createActor(app, 'editor');
    const url = '/api/consultations/test-consultation/sections/governance';
    const { revision } = (await app.inject(url)).json().section;
    const opened = await ann.inject({ method: 'POST', url: `${url}/proposals`, payload: { baseRevision: revision.number, markdown: `${revision.markdown}\nOne more paragraph.\n`, summary: 'Adds a paragraph' } });
    const { id } = opened.json().proposal;
    expect((await bell(editor)).notifications[0]).toMatchObject({ kind: 'staff_proposals', link: `/p/${id}` });
    expect((await editor.inject({ method: 'POST', url: `/api/proposals/${id}/reject`, payload: { reason: 'Out of scope' } })).statusCode).toBe(200);
    const [decided] = (await bell(ann)).notifications;
    expect(decided).toMatchObject({ kind: 'proposal_decided', title: 'Your proposal was not accepted', link: `/p/${id}` });
    expect(decided!.body).toContain('Out of scope');
  });

  it('tells the author when their proposal is merged', async () => {
    const editor = await createActor(app, 'editor');
    const url = '/api/consultations/test-consultation/sections/governance';
    const { revision } = (await app.inject(url)).json().section;
    const opened = await ann.inject({ method: 'POST', url: `${url}/proposals`, payload: { baseRevision: revision.number, markdown: `${revision.markdown}\nOne more paragraph.\n`, summary: 'Adds a paragraph' } });
    const { id } = opened.json().proposal;
    expect((await editor.inject({ method: 'POST', url: `/api/proposals/${id}/merge`, payload: { currentRevision: revision.number } })).statusCode).toBe(200);
    expect((await bell(ann)).notifications[0]).toMatchObject({ kind: 'proposal_decided', title: 'Your proposal was merged', link: `/p/${id}` });
    const [mail] = await mailTo(app, smtp, 'ann@example.org');
    expect(mail!.subject).toBe('Your proposal was merged');
  });

  it('honours each choice: a weekly digest waits a week, and "no email" still rings the bell', async () => {
    const mine = await postOk(ann, { body: 'Publish the spending every month.' });
    expect((await setDelivery(ann, 'comment_reply', 'weekly')).statusCode).toBe(200);
    await postOk(bob, { body: 'Quarterly is plenty.', parentId: mine.id });
    await bell(ann);
    const age = (days: number) => app.db.updateTable('notifications').set({ created_at: new Date(Date.now() - days * 24 * 60 * 60 * 1000).toISOString() }).execute();
    await age(2);
    await app.notifications.flush();
    expect(await mailTo(app, smtp, 'ann@example.org')).toHaveLength(0);
    await age(8);
    await app.notifications.flush();
    const [weekly] = await mailTo(app, smtp, 'ann@example.org');
    expect(weekly!.subject).toBe('Your weekly Agora digest: 1 notification');

    expect((await setDelivery(ann, 'comment_reply', 'off')).statusCode).toBe(200);
    await postOk(bob, { body: 'Or yearly.', parentId: mine.id });
    expect((await bell(ann)).unread).toBe(2);
    await age(8);
    await app.notifications.flush();
    expect(await mailTo(app, smtp, 'ann@example.org')).toHaveLength(1);
  });

  it('tells moderators of a newly reported comment, and not citizens', async () => {
    const moderator = await createActor(app, 'moderator');
    const { id } = await postOk(bob, { body: 'Reported words.' });
    expect((await report(ann, id)).statusCode).toBeLessThan(300);
    expect((await bell(moderator)).notifications[0]).toMatchObject({ kind: 'staff_reports', link: '/moderation' });
    expect((await bell(ann)).notifications).toHaveLength(0);
  });

  it('marks notifications read and streams new ones and the count over my own channel only', async () => {
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const live = await LiveTestClient.connect(url, { origin: app.config.siteOrigin, cookie: ann.cookie });
    const intruder = await LiveTestClient.connect(url, { origin: app.config.siteOrigin, cookie: bob.cookie });
    try {
      await live.subscribe(userChannel(ann.id));
      intruder.send({ type: 'subscribe', channels: [userChannel(ann.id)] });
      await intruder.next((m) => m.type === 'error' && m.channel === userChannel(ann.id));
      const mine = await postOk(ann, { body: 'Hello.' });
      await postOk(bob, { body: 'Hi back.', parentId: mine.id });
      const frame = await live.next((m) => m.type === 'event' && m.event.type === 'notification.created');
      expect(frame).toMatchObject({ event: { data: { unread: 1, notification: { kind: 'comment_reply' } } } });
      expect((await ann.inject({ method: 'POST', url: '/api/notifications/read', payload: {} })).json()).toEqual({ unread: 0 });
      await live.next((m) => m.type === 'event' && m.event.type === 'notification.read');
      expect((await bell(ann)).notifications[0]!.read).toBe(true);
    } finally {
      live.close();
      intruder.close();
    }
  });

  it('lets each person choose per kind, offering staff kinds to staff only', async () => {
    const kinds = (await ann.inject({ method: 'GET', url: '/api/notifications/preferences' })).json().preferences.map((p: { kind: string }) => p.kind);
    expect(kinds).not.toContain('staff_reports');
    expect((await setDelivery(ann, 'staff_reports', 'daily')).statusCode).toBe(400);
    const bad = await setDelivery(ann, 'comment_reply', 'hourly');
    expect(bad.statusCode).toBe(400);
    const saved = await setDelivery(ann, 'comment_reply', 'weekly');
    expect(saved.json().preferences.find((p: { kind: string }) => p.kind === 'comment_reply').delivery).toBe('weekly');
    const moderator = await createActor(app, 'moderator');
    expect((await setDelivery(moderator, 'staff_reports', 'off')).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/notifications/preferences' })).statusCode).toBe(401);
  });
});
