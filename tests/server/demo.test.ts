import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app';
import { DEMO_ACCOUNTS } from '../../server/cli/demo-accounts';
import { DEMO_MARKER, demoConfig, mainDataDir, prepareDemoDataDir } from '../../server/cli/demo-config';
import { CENTRAL_APPROVAL, CLOSING_NOTE, LOCAL_DECISIONS, MINISTER_PASSAGE, SKILLS_PASSAGE } from '../../server/cli/demo-discussion';
import { type DemoSeedReport, isDemoSeeded, seedDemo } from '../../server/cli/demo-seed';
import type { CommentView } from '../../server/contracts/comments';
import type { QueueItem } from '../../server/contracts/moderation';
import { SQLITE_FILE } from '../../server/db/database';
import { loadContent } from '../../server/commands/load-content';
import type { App } from '../../server/platform/fastify';
import { buildTestApp, onPostgres } from '../helpers/test-app';
import { sessionCookieFrom } from '../helpers/users';

const SECTION = '/api/consultations/ideal-government-it/sections/governance';
const TABLES = ['users', 'comments', 'comment_versions', 'endorsements', 'proposals', 'proposal_comments', 'revisions', 'reports', 'moderation_log', 'events'] as const;

let dir: string;
let app: App;
let report: DemoSeedReport;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agora-demo-'));
  // The demo's own config and folder check, on a real file database as `npm run demo` uses.
  const config = demoConfig({ DATA_DIR: path.join(dir, 'demo'), LOG_LEVEL: 'silent', AUTH_RATE_LIMIT_PER_MINUTE: '1000' });
  prepareDemoDataDir(config);
  app = await buildApp(config);
  await loadContent(app.db, config.contentDir);
  report = await seedDemo(app);
});
afterAll(async () => {
  await app?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function signIn(username: string, password: string): Promise<string> {
  const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  expect(response.statusCode, `${username} signs in`).toBe(200);
  return sessionCookieFrom(response);
}

async function governanceComments(cookie?: string): Promise<CommentView[]> {
  const response = await app.inject({ url: `${SECTION}/comments?sort=position`, headers: cookie ? { cookie } : {} });
  expect(response.statusCode).toBe(200);
  return response.json().comments;
}

const byBody = (comments: CommentView[], words: string) => comments.filter((c) => c.body.includes(words));

async function rowCounts(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    const row = await app.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}

describe('demo data folder', () => {
  it('defaults to its own folder inside the main one and refuses the main one', () => {
    expect(demoConfig({}).dataDir).toBe(path.join(mainDataDir(), 'demo'));
    expect(() => prepareDemoDataDir({ dataDir: mainDataDir() })).toThrow(/never uses the main database folder/);
    expect(fs.existsSync(path.join(dir, 'demo', DEMO_MARKER))).toBe(true);
  });

  // The demo runs on SQLite whatever the pass: nothing here to check again on PostgreSQL.
  it.skipIf(onPostgres)('the demo command refuses a folder holding a database it did not create, and touches nothing', async () => {
    const real = path.join(dir, 'real-site');
    fs.mkdirSync(real);
    fs.writeFileSync(path.join(real, SQLITE_FILE), 'not the demo');
    const run = promisify(execFile)(path.resolve('node_modules/.bin/tsx'), ['server/cli/demo.ts'], {
      env: { ...process.env, DATA_DIR: real, PORT: '0', LOG_LEVEL: 'silent' },
      timeout: 20_000,
    });
    await expect(run).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('the demo did not create') });
    expect(fs.readdirSync(real)).toEqual([SQLITE_FILE]);
    expect(fs.readFileSync(path.join(real, SQLITE_FILE), 'utf8')).toBe('not the demo');
  }, 30_000);
});

describe('demo mode', () => {
  it('every demo account signs in with its printed password and has its role', async () => {
    expect(new Set(DEMO_ACCOUNTS.map((a) => a.role))).toEqual(new Set(['citizen', 'editor', 'moderator', 'admin']));
    for (const account of DEMO_ACCOUNTS) {
      const cookie = await signIn(account.username, account.password);
      const me = (await app.inject({ url: '/api/me', headers: { cookie } })).json();
      expect(me.user).toMatchObject({ username: account.username, role: account.role });
    }
  });

  it('citizens: the skills question has replies, on the training recommendation', async () => {
    const comments = await governanceComments();
    const [question] = byBody(comments, 'What would this training actually cover');
    expect(question).toMatchObject({ kind: 'question', parentId: null, author: { username: 'amira' } });
    expect(question!.anchor).toMatchObject({ exact: SKILLS_PASSAGE, state: 'anchored' });
    expect(question!.endorsements).toBe(2);
    const replies = comments.filter((c) => c.parentId === question!.id);
    expect(replies.map((c) => c.author?.username)).toEqual(expect.arrayContaining(['tom', 'eleanor']));
  });

  it('citizens: the objection is anchored on one recommendation and names the other', async () => {
    const blocks = (await app.inject(SECTION)).json().section.revision.blocks as { id: string; text: string }[];
    const [objection] = byBody(await governanceComments(), 'These two recommendations contradict each other').filter((c) => c.author?.username === 'ruth');
    expect(objection).toMatchObject({ kind: 'object', anchor: { exact: CENTRAL_APPROVAL, state: 'anchored' }, endorsements: 3 });
    const block = blocks.find((b) => b.id === objection!.anchor!.blockId);
    expect(block!.text.slice(objection!.anchor!.start, objection!.anchor!.end)).toBe(CENTRAL_APPROVAL);
    expect(objection!.body).toContain(LOCAL_DECISIONS);
  });

  it('the exact duplicate was refused with 409; the copy that got through is reported and in the moderator’s queue', async () => {
    expect(report.notes.join('\n')).toMatch(/refused: 409 duplicate/);
    const [copy] = byBody(await governanceComments(), 'Posting this again');
    expect(copy).toMatchObject({ author: { username: 'sam' }, anchor: { exact: LOCAL_DECISIONS, state: 'anchored' } });

    const citizen = await signIn('ruth', 'try-as-citizen');
    expect((await app.inject({ url: '/api/moderation/queue', headers: { cookie: citizen } })).statusCode).toBe(403);
    const moderator = await signIn('marcus', 'try-as-moderator');
    const queue = await app.inject({ url: '/api/moderation/queue', headers: { cookie: moderator } });
    expect(queue.statusCode).toBe(200);
    const item = (queue.json().items as QueueItem[]).find((i) => i.comment.id === copy!.id);
    expect(item?.reports).toEqual([expect.objectContaining({ reason: 'duplicate', reporter: expect.objectContaining({ username: 'ruth' }) })]);
  });

  it('moderator: the minister thread is closed with a note, and an editor answered it officially', async () => {
    const comments = await governanceComments();
    const thread = comments.find((c) => c.anchor?.exact === MINISTER_PASSAGE);
    expect(thread?.closed).toMatchObject({ note: CLOSING_NOTE });
    const official = comments.filter((c) => c.parentId === thread!.id && c.author?.username === 'eleanor');
    expect(official).toEqual([expect.objectContaining({ official: true })]);
    const log = (await app.inject('/api/moderation/log')).json();
    expect(log.entries).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'close-thread', reason: CLOSING_NOTE })]));
  });

  it('editor: one open proposal and one merged, so governance has two versions', async () => {
    const list = (await app.inject(`${SECTION}/proposals`)).json();
    expect(list.counts).toMatchObject({ open: 1, merged: 1 });
    const open = list.proposals.find((p: { status: string }) => p.status === 'open');
    expect(open).toMatchObject({ author: { username: 'tom' }, baseRevision: 1 });
    // Written on version 1, it still merges cleanly into version 2.
    const detail = (await app.inject(`/api/proposals/${open.id}`)).json().proposal;
    expect(detail.merge).toMatchObject({ currentRevision: 2, clean: true });

    const history = (await app.inject(`${SECTION}/revisions`)).json();
    expect(history.revisions.map((r: { number: number }) => r.number)).toEqual([2, 1]);
    expect(history.revisions[0].summary).toMatch(/^Merged proposal #\d+ by Amira Hassan \(reviewed by Eleanor Price\)/);
    expect((await app.inject(SECTION)).json().section.revision.markdown).toContain('5. What training or support would help');
  });

  it('the overview counts show discussion in three sections', async () => {
    const { consultation } = (await app.inject('/api/consultations/ideal-government-it')).json();
    const counts = Object.fromEntries(consultation.sections.map((s: { slug: string; commentCounts: { total: number } }) => [s.slug, s.commentCounts.total]));
    expect(counts).toMatchObject({ governance: 4, 'skills-and-professionalism': 2, procurement: 2 });
    expect(consultation.commentCounts).toMatchObject({ support: 2, evidence: 1, object: 3, question: 1 });
  });

  it('restarting (loading content and seeding again) changes nothing, not even the merged version', async () => {
    const before = await rowCounts();
    expect(await isDemoSeeded(app.db)).toBe(true);
    expect(await loadContent(app.db, app.config.contentDir)).toMatchObject({ revisionsPublished: 0, conflicts: [] });
    expect(await seedDemo(app)).toEqual({ seeded: false, notes: [] });
    expect(await rowCounts()).toEqual(before);
  });
});

describe('npm start’s path', () => {
  it('loads the content into a fresh database without creating any account', async () => {
    const plain = await buildTestApp();
    try {
      await loadContent(plain.db, plain.config.contentDir);
      const users = await plain.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(users.n)).toBe(0);
      expect(await isDemoSeeded(plain.db)).toBe(false);
    } finally {
      await plain.close();
    }
  });
});
