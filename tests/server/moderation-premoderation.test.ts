import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readContent } from '../../server/features/consultations/content-files';
import type { App } from '../../server/platform/fastify';
import { postOk } from '../helpers/comments';
import { createConsultation } from '../helpers/factories';
import { bulk, listedAs, publicLog, queueOf } from '../helpers/moderation';
import { buildTestApp } from '../helpers/test-app';
import { type Actor, createActor } from '../helpers/users';

const HOUR = 60 * 60 * 1000;

let app: App;
let consultationId: number;
let moderator: Actor;

beforeEach(async () => {
  app = await buildTestApp({ premoderationAccountAgeHours: 24 });
  ({ consultationId } = await createConsultation(app.db));
  moderator = await createActor(app, 'moderator');
});

const premoderate = (on: boolean) => app.db.updateTable('consultations').set({ premoderation: on ? 1 : 0 }).where('id', '=', consultationId).execute();
const joinedHoursAgo = (actor: Actor, hours: number) =>
  app.db.updateTable('users').set({ created_at: new Date(Date.now() - hours * HOUR).toISOString() }).where('id', '=', actor.id).execute();

describe('pre-moderation', () => {
  it('holds a new account’s comment until a moderator approves it; the author sees it marked', async () => {
    await premoderate(true);
    const newcomer = await createActor(app);
    const other = await createActor(app);
    const comment = await postOk(newcomer, { kind: 'support', body: 'My first comment' });
    expect(comment).toMatchObject({ status: 'pending', body: 'My first comment', notice: 'Waiting for a moderator to check it. Only you and moderators can see it.' });

    expect(await listedAs(app, comment.id)).toBeUndefined();
    expect(await listedAs(app, comment.id, other)).toBeUndefined();
    expect(await listedAs(app, comment.id, newcomer)).toMatchObject({ status: 'pending', body: 'My first comment' });
    expect((await app.inject(`/api/comments/${comment.id}`)).statusCode).toBe(404);
    const total = async () => (await app.inject('/api/consultations/test-consultation')).json().consultation.commentCounts.total;
    expect(await total()).toBe(0);
    expect((await queueOf(moderator)).items.map((item) => [item.comment.id, item.comment.status, item.reports])).toEqual([[comment.id, 'pending', []]]);

    const approved = await bulk(moderator, [comment.id], 'approve');
    expect(approved.json().comments[0]).toMatchObject({ status: 'visible', notice: null });
    expect(await listedAs(app, comment.id, other)).toMatchObject({ status: 'visible', body: 'My first comment' });
    expect(await total()).toBe(1);
    expect((await queueOf(moderator)).items).toEqual([]);
    expect((await publicLog(app))[0]).toMatchObject({ action: 'approve', commentId: comment.id, actor: { username: moderator.username } });
    expect((await bulk(moderator, [comment.id], 'approve')).json().error.code).toBe('not_pending');
  });

  it('lets a moderator refuse a pending comment by hiding it, with the reason its author sees', async () => {
    await premoderate(true);
    const newcomer = await createActor(app);
    const { id } = await postOk(newcomer, { body: 'Visit my shop' });
    await bulk(moderator, [id], 'hide', 'advertising');
    expect(await listedAs(app, id, newcomer)).toMatchObject({ status: 'hidden', body: 'Visit my shop', notice: 'Hidden by a moderator: advertising' });
    expect(await listedAs(app, id)).toMatchObject({ body: '' });
  });

  it('trusts accounts older than the configured age, and staff', async () => {
    await premoderate(true);
    const regular = await createActor(app);
    await joinedHoursAgo(regular, 25);
    expect((await postOk(regular, { body: 'I have been here a while' })).status).toBe('visible');
    const youngish = await createActor(app);
    await joinedHoursAgo(youngish, 23);
    expect((await postOk(youngish, { body: 'Nearly a day' })).status).toBe('pending');
    expect((await postOk(await createActor(app, 'editor'), { body: 'From the editors' })).status).toBe('visible');
  });

  it('is off unless the consultation turns it on', async () => {
    expect((await postOk(await createActor(app), { body: 'Straight in' })).status).toBe('visible');
  });
});

describe('turning it on in the content files', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agora-premoderation-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const write = (front: string) => {
    fs.mkdirSync(path.join(dir, 'trial'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'trial/consultation.md'), `---\ntitle: Trial\nsummary: A trial.\nopens: 2026-01-01\ncloses: 2030-03-14\n${front}---\nIntro.\n`);
    fs.writeFileSync(path.join(dir, 'trial/governance.md'), '---\ntitle: Governance\nposition: 1\n---\nText.\n');
  };

  it('reads `premoderation: true`, defaults to off, and reports anything else with its line', () => {
    write('premoderation: true\n');
    expect(readContent(dir).consultations[0]!.premoderation).toBe(true);
    write('');
    expect(readContent(dir).consultations[0]!.premoderation).toBe(false);
    write('premoderation: sometimes\n');
    expect(readContent(dir).problems).toEqual([{ file: path.join(dir, 'trial/consultation.md'), line: 6, message: '"premoderation" must be true or false' }]);
  });
});
