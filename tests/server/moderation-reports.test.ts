import { describe, expect, it } from 'vitest';
import type { Config } from '../../server/config';
import { readEventsAfter } from '../../server/events/event-log';
import type { App } from '../../server/platform/fastify';
import { postOk } from '../helpers/comments';
import { createConsultation } from '../helpers/factories';
import { bulk, establishedCitizens, listedAs, publicLog, queueOf, report } from '../helpers/moderation';
import { buildTestApp } from '../helpers/test-app';
import { type Actor, createActor } from '../helpers/users';

async function start(overrides: Partial<Config> = {}) {
  const app = await buildTestApp(overrides);
  await createConsultation(app.db);
  return { app, author: await createActor(app), moderator: await createActor(app, 'moderator') };
}

const citizens = (app: App, n: number): Promise<Actor[]> => establishedCitizens(app, n);

describe('reporting a comment', () => {
  it('takes one report per person, never on their own comment, and only from those who may act', async () => {
    const { app, author } = await start();
    const [reader] = await citizens(app, 1);
    const { id } = await postOk(author, { body: 'Questionable' });
    const first = await report(reader!, id, 'off-topic');
    expect(first.statusCode).toBe(201);
    expect(first.json().report).toMatchObject({ commentId: id, reason: 'off-topic' });
    const again = await report(reader!, id, 'spam');
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('already_reported');

    expect((await report(author, id)).json().error.code).toBe('own_comment');
    expect((await app.inject({ method: 'POST', url: `/api/comments/${id}/report`, payload: { reason: 'spam' } })).statusCode).toBe(401);
    expect((await report(await createActor(app, 'citizen', { blocked: true }), id)).statusCode).toBe(403);
    expect((await report(reader!, 999_999)).statusCode).toBe(404);
    // The list tells the reporter (and only them) that they reported it, so Report is not offered again.
    expect(await listedAs(app, id, reader!)).toMatchObject({ reportedByMe: true });
    expect(await listedAs(app, id, await createActor(app))).toMatchObject({ reportedByMe: false });
    expect((await listedAs(app, id))?.reportedByMe).toBeUndefined();
  });

  it('asks for a reason from the list, and a note when the reason is "other"', async () => {
    const { app, author } = await start();
    const [reader] = await citizens(app, 1);
    const { id } = await postOk(author, { body: 'Hmm' });
    const url = `/api/comments/${id}/report`;
    expect((await reader!.inject({ method: 'POST', url, payload: {} })).json().error).toMatchObject({ field: 'reason', message: 'Select why you are reporting this comment.' });
    expect((await reader!.inject({ method: 'POST', url, payload: { reason: 'boring' } })).json().error).toMatchObject({ field: 'reason' });
    expect((await report(reader!, id, 'other', '  ')).json().error).toMatchObject({ field: 'note', message: 'Say what is wrong with this comment.' });
    expect((await report(reader!, id, 'other', 'It names a private person')).statusCode).toBe(201);
  });

  it('tells moderators live, and no one else', async () => {
    const { app, author } = await start();
    const [reader] = await citizens(app, 1);
    const { id } = await postOk(author, { body: 'Reported live' });
    await report(reader!, id, 'abuse');
    const events = await readEventsAfter(app.db, 0, 100, ['moderation']);
    expect(events.map((e) => e.type)).toEqual(['report.created', 'queue.changed']);
    expect(events[0]!.data).toEqual({ commentId: id, reason: 'abuse', reports: 1 });
  });
});

describe('hiding after enough reports', () => {
  it('hides the comment pending review at exactly the third distinct report (the default)', async () => {
    const { app, author, moderator } = await start();
    const readers = await citizens(app, 4);
    const { id } = await postOk(author, { body: 'Reported three times' });
    for (const reader of readers.slice(0, 2)) expect((await report(reader, id)).statusCode).toBe(201);
    expect(await listedAs(app, id)).toMatchObject({ status: 'visible', body: 'Reported three times' });
    expect((await report(readers[0]!, id)).statusCode).toBe(409); // the same person again does not count

    expect((await report(readers[2]!, id)).statusCode).toBe(201);
    expect(await listedAs(app, id)).toMatchObject({ status: 'hidden', body: '', notice: 'Hidden after reports, waiting for a moderator' });
    expect((await report(readers[3]!, id)).json().error.code).toBe('not_reportable');

    const [entry] = await publicLog(app);
    expect(entry).toMatchObject({ action: 'auto-hide', actor: null, commentId: id, reason: null });
    const queue = await queueOf(moderator);
    expect(queue.items.map((item) => [item.comment.id, item.comment.status, item.reports.length])).toEqual([[id, 'hidden', 3]]);
  });

  it('uses REPORT_HIDE_THRESHOLD', async () => {
    const { app, author } = await start({ reportHideThreshold: 2 });
    const readers = await citizens(app, 2);
    const { id } = await postOk(author, { body: 'Two is enough' });
    await report(readers[0]!, id);
    expect((await listedAs(app, id))!.status).toBe('visible');
    await report(readers[1]!, id);
    expect((await listedAs(app, id))!.status).toBe('hidden');
  });
});

describe('dealing with reports', () => {
  it('dismissing the reports brings back a comment they hid, and empties the queue', async () => {
    const { app, author, moderator } = await start();
    const readers = await citizens(app, 3);
    const { id } = await postOk(author, { body: 'Unpopular but fair' });
    for (const reader of readers) await report(reader, id, 'abuse');
    const dismissed = await bulk(moderator, [id], 'dismiss-reports', 'Fair criticism');
    expect(dismissed.json().comments[0]).toMatchObject({ status: 'visible', notice: null });
    expect(await listedAs(app, id)).toMatchObject({ status: 'visible', body: 'Unpopular but fair' });
    expect((await queueOf(moderator)).items).toEqual([]);
    expect((await report(readers[0]!, id)).json().error.code).toBe('already_reported');
    expect((await bulk(moderator, [id], 'dismiss-reports')).json().error.code).toBe('no_reports');
    expect((await publicLog(app))[0]).toMatchObject({ action: 'dismiss-reports', reason: 'Fair criticism', actor: { username: moderator.username } });
  });

  it('dismissing reports on a comment still shown leaves it as it was', async () => {
    const { app, author, moderator } = await start();
    const [reader] = await citizens(app, 1);
    const { id } = await postOk(author, { body: 'Reported once' });
    await report(reader!, id);
    expect((await bulk(moderator, [id], 'dismiss-reports')).json().comments[0].status).toBe('visible');
  });

  it('hiding from the queue settles the reports as actioned; restoring settles them as dismissed', async () => {
    const { app, author, moderator } = await start();
    const readers = await citizens(app, 3);
    const spam = await postOk(author, { body: 'Cheap pills' });
    const fair = await postOk(author, { body: 'A fair point' });
    await report(readers[0]!, spam.id, 'spam');
    for (const reader of readers) await report(reader, fair.id, 'abuse');
    expect((await queueOf(moderator)).items.map((i) => i.comment.id)).toEqual([fair.id, spam.id]); // most reported first
    expect((await bulk(moderator, [spam.id], 'hide', 'spam')).statusCode).toBe(200);
    expect((await bulk(moderator, [fair.id], 'restore')).json().comments[0].status).toBe('visible');
    expect((await queueOf(moderator)).items).toEqual([]);
    const settled = await app.db.selectFrom('reports').select(['comment_id', 'status', 'resolved_by']).orderBy('id').execute();
    expect(settled).toEqual([
      { comment_id: spam.id, status: 'actioned', resolved_by: moderator.id },
      ...readers.map(() => ({ comment_id: fair.id, status: 'dismissed', resolved_by: moderator.id })),
    ]);
  });
});
