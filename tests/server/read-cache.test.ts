import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { changeToken, SQLITE_FILE } from '../../server/db/database';
import { writeTransaction } from '../../server/db/write-transaction';
import { ReadCache } from '../../server/db/read-cache';
import type { App } from '../../server/platform/fastify';
import { COMMENTS_URL, postOk, SECTION_URL } from '../helpers/comments';
import { createConsultation } from '../helpers/factories';
import { buildTestApp, onPostgres } from '../helpers/test-app';
import { type Actor, createActor } from '../helpers/users';
import { withMyMarks } from '../../client/features/comments/my-marks';

// Signed-out section pages are served from a cache that any change to the database invalidates.

let app: App | undefined;
let dataDir: string | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await app?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  app = dataDir = undefined;
});

const bodies = async (a: App) => (await a.inject(COMMENTS_URL)).json().comments.map((c: { body: string }) => c.body);

// SQLite only, a known gap: on PostgreSQL the change token moves on group commits, event appends
// and other instances' notifications, not on a write made straight through `db` outside them,
// nor synchronously for another process's commit; these tests check exactly those (see README).
const onSqliteOnly = describe.skipIf(onPostgres);

onSqliteOnly('signed-out section pages', () => {
  it('show every write at once, whichever code path made it', async () => {
    app = await buildTestApp();
    const { sectionIds } = await createConsultation(app.db);
    const alice = await createActor(app);
    expect(await bodies(app)).toEqual([]);
    await postOk(alice, { body: 'First.' });
    expect(await bodies(app)).toEqual(['First.']);
    expect((await app.inject(SECTION_URL)).json().section.title).toBe('Governance');

    await app.db.updateTable('comments').set({ status: 'deleted' }).execute();
    await app.db.updateTable('sections').set({ title: 'Renamed' }).where('id', '=', sectionIds.governance!).execute();
    expect(await bodies(app)).toEqual(['']);
    expect((await app.inject(SECTION_URL)).json().section.title).toBe('Renamed');
  });

  it('show commits by another process (a CLI command) within milliseconds', async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'agora-read-cache-'));
    app = await buildTestApp({ dataDir });
    await createConsultation(app.db);
    expect((await app.inject(SECTION_URL)).json().section.title).toBe('Governance');

    const other = new SQLite(path.join(dataDir, SQLITE_FILE));
    other.prepare("UPDATE sections SET title = 'Changed elsewhere'").run();
    other.close();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect((await app.inject(SECTION_URL)).json().section.title).toBe('Changed elsewhere');
  });

  it('work the phase out on every request, since it changes with the clock alone', async () => {
    app = await buildTestApp();
    const closesAt = new Date(Date.now() + 60_000);
    await createConsultation(app.db, { closesAt: closesAt.toISOString() });
    expect((await app.inject(SECTION_URL)).json().section).toMatchObject({ consultation: { phase: 'open' }, acceptsComments: true });
    vi.useFakeTimers({ toFake: ['Date'], now: closesAt.getTime() + 1 });
    expect((await app.inject(SECTION_URL)).json().section).toMatchObject({ consultation: { phase: 'closed' }, acceptsComments: false });
  });

  it('are the same bytes on every request, and signed-in readers still see their own view', async () => {
    app = await buildTestApp();
    await createConsultation(app.db);
    const alice = await createActor(app);
    await postOk(alice, { body: 'Mine.' });
    const [first, second] = [await app.inject(COMMENTS_URL), await app.inject(COMMENTS_URL)];
    expect(second.body).toBe(first.body);
    expect(second.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(first.json().comments[0].endorsedByMe).toBeUndefined();
    const signedIn = (await alice.inject({ method: 'GET', url: COMMENTS_URL })).json();
    expect(withMyMarks(signedIn).comments[0]!.endorsedByMe).toBe(false);
  });
});

onSqliteOnly('the change token of a database file', () => {
  it("counts a transaction's writes from its COMMIT, when the reader connection first sees them", async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'agora-read-cache-'));
    app = await buildTestApp({ dataDir });
    const db = app.db;
    const before = changeToken(db);
    let wrote!: () => void;
    let finish!: () => void;
    const written = new Promise<void>((resolve) => (wrote = resolve));
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const write = writeTransaction(db, async (trx) => {
      await trx.insertInto('events').values({ channel: 'c', type: 't', payload: '{}', created_at: '' }).execute();
      wrote();
      await finished;
    });
    await written;
    expect(changeToken(db)).toBe(before);
    finish();
    await write;
    expect(changeToken(db)).not.toBe(before);
    const afterCommit = changeToken(db);
    await db.insertInto('events').values({ channel: 'c', type: 't', payload: '{}', created_at: '' }).execute();
    expect(changeToken(db)).not.toBe(afterCommit);
  });
});

onSqliteOnly('ReadCache', () => {
  it('shares one read between concurrent misses and forgets a failed one', async () => {
    app = await buildTestApp();
    const cache = new ReadCache<number>(10);
    let reads = 0;
    const read = async () => ++reads;
    expect(await Promise.all([cache.get(app.db, 'k', read), cache.get(app.db, 'k', read)])).toEqual([1, 1]);
    await expect(cache.get(app.db, 'failing', () => Promise.reject(new Error('busy')))).rejects.toThrow('busy');
    expect(await cache.get(app.db, 'failing', read)).toBe(2);
    await app.db.insertInto('events').values({ channel: 'c', type: 't', payload: '{}', created_at: '' }).execute();
    expect(await cache.get(app.db, 'k', read)).toBe(3);
  });
});

onSqliteOnly('a section page under a stream of writes', () => {
  const LAG_MS = 1_000;

  it('is read again at most once per SECTION_PAGE_LAG_MS, says where it stands, and the comments stay exact', async () => {
    app = await buildTestApp({ sectionPageLagMs: LAG_MS });
    const { sectionIds } = await createConsultation(app.db);
    const alice = await createActor(app);
    const first = (await app.inject(SECTION_URL)).json().section;
    const readAt = performance.now();

    await app.db.updateTable('sections').set({ title: 'Renamed' }).where('id', '=', sectionIds.governance!).execute();
    await postOk(alice, { body: 'Straight after.' });
    const lagging = (await app.inject(SECTION_URL)).json().section;
    // Only while the last read is younger than the lag: a slow machine must not fail the test.
    if (performance.now() - readAt < LAG_MS) expect(lagging).toMatchObject({ title: 'Governance', liveSeq: first.liveSeq });
    // The page's liveSeq is from before the comment, so a live reader is sent the comment; the comments page has it already.
    expect(await bodies(app)).toEqual(['Straight after.']);

    await new Promise((resolve) => setTimeout(resolve, LAG_MS));
    const fresh = (await app.inject(SECTION_URL)).json().section;
    expect(fresh.title).toBe('Renamed');
    expect(fresh.liveSeq).toBeGreaterThan(first.liveSeq);
  });

  it('is exact after every write when the lag is 0', async () => {
    app = await buildTestApp({ sectionPageLagMs: 0 });
    const { sectionIds } = await createConsultation(app.db);
    expect((await app.inject(SECTION_URL)).json().section.title).toBe('Governance');
    await app.db.updateTable('sections').set({ title: 'Renamed' }).where('id', '=', sectionIds.governance!).execute();
    expect((await app.inject(SECTION_URL)).json().section.title).toBe('Renamed');
  });
});

onSqliteOnly('a section’s comments under a stream of writes', () => {
  const LAG_MS = 1_000;
  const page = async (since?: number, actor?: Actor) => {
    if (!app) throw new Error('no app');
    const url = since === undefined ? COMMENTS_URL : `${COMMENTS_URL}?since=${since}`;
    const response = actor ? await actor.inject({ method: 'GET', url }) : await app.inject(url);
    expect(response.statusCode).toBe(200);
    const list = response.json();
    return { liveSeq: list.liveSeq as number, bodies: list.comments.map((c: { body: string }) => c.body) as string[] };
  };

  it('may be a moment old for a signed-out reader whose live channel stands no later than it, and is exact otherwise', async () => {
    app = await buildTestApp({ sectionPageLagMs: LAG_MS });
    await createConsultation(app.db);
    const alice = await createActor(app);
    const opened = (await app.inject(SECTION_URL)).json().section.liveSeq as number;
    const first = await page(opened);
    const readAt = performance.now();
    expect(first).toEqual({ liveSeq: opened, bodies: [] });

    await postOk(alice, { body: 'Straight after.' });
    const lagging = await page(opened);
    // Only while the last read is younger than the lag: a slow machine must not fail the test.
    if (performance.now() - readAt < LAG_MS) expect(lagging).toEqual(first);
    // A reader whose channel has shown the comment, one who says nothing, and a signed-in one get it.
    const exact = await page(first.liveSeq + 1);
    expect(exact.bodies).toEqual(['Straight after.']);
    expect(exact.liveSeq).toBeGreaterThan(first.liveSeq);
    expect((await page()).bodies).toEqual(['Straight after.']);
    await postOk(alice, { body: 'And another.' });
    expect((await page(undefined, alice)).bodies).toEqual(['And another.', 'Straight after.']);
  });

  it('refuses a since that is not a log position', async () => {
    app = await buildTestApp();
    await createConsultation(app.db);
    for (const since of ['-1', 'soon', '1.5']) {
      const response = await app!.inject(`${COMMENTS_URL}?since=${since}`);
      expect(response.statusCode, since).toBe(400);
    }
  });
});
