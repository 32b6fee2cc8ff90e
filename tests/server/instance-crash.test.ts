import { type ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type ServerMessage, sectionChannel } from '../../server/contracts/live';
import { createDatabase, type Db } from '../../server/db/database';
import { migrateToLatest } from '../../server/db/migrator';
import { now } from '../../server/db/time';
import { createSession, csrfTokenFor, SESSION_COOKIE } from '../../server/features/auth/sessions';
import { insertUser } from '../../server/features/auth/users.repository';
import { COMMENTS_URL } from '../helpers/comments';
import { createConsultation } from '../helpers/factories';
import { LiveTestClient } from '../helpers/live';
import { onPostgres, testConfig } from '../helpers/test-app';

// kill -9 of one instance of two, on one PostgreSQL, in the middle of writes.
const CHANNEL = sectionChannel('test-consultation', 'governance');
type EventFrame = Extract<ServerMessage, { type: 'event' }>;
const children: ChildProcess[] = [];
const cleanups: (() => unknown)[] = [];

afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** An instance in its own process, like `npm start` with this environment. */
function startInstance(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = fork(path.resolve('tests/helpers/app-process.ts'), [], { execArgv: ['--import', 'tsx'], env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.once('message', (message) => resolve({ child, url: (message as { url: string }).url }));
    child.once('exit', (code) => reject(new Error(`instance exited with ${code} before listening`)));
  });
}

async function signedIn(db: Db) {
  const id = await insertUser(db, { username: 'writer', display_name: 'Writer', email: null, password_hash: 'x', role: 'citizen', created_at: now() });
  const token = await createSession(db, id);
  return { cookie: `${SESSION_COOKIE}=${token}`, csrf: csrfTokenFor(token) };
}

describe.skipIf(!onPostgres)('an instance killed mid-write', () => {
  it('keeps every acknowledged write, and its clients resume on the survivor with no gap and no duplicate', async () => {
    const config = testConfig({ rateLimitPerMinute: 100_000 });
    const db = createDatabase(config);
    cleanups.push(() => db.destroy());
    await migrateToLatest(db);
    await createConsultation(db);
    const session = await signedIn(db);
    const env = { DATABASE_URL: config.databaseUrl!, DATABASE_SCHEMA: config.databaseSchema!, LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '100000', SITE_ORIGIN: config.siteOrigin };
    const a = await startInstance(env);
    const b = await startInstance(env);

    const live = await LiveTestClient.connect(a.url, { origin: config.siteOrigin });
    cleanups.push(() => live.close());
    await live.subscribe(CHANNEL);

    const acknowledged: number[] = [];
    const write = async (n: number) => {
      const response = await fetch(`${a.url}${COMMENTS_URL}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrf, origin: config.siteOrigin },
        body: JSON.stringify({ kind: 'general', body: `Comment number ${n} from the writer.` }),
      }).catch(() => undefined);
      if (response?.status === 201) acknowledged.push(((await response.json()) as { comment: { id: number } }).comment.id);
    };
    // Four writers in a loop; the instance dies under them once some writes were acknowledged.
    let n = 0;
    let killed = false;
    const writers = Array.from({ length: 4 }, async () => {
      while (!killed) await write(n++);
    });
    while (acknowledged.length < 12) await new Promise((resolve) => setTimeout(resolve, 20));
    a.child.kill('SIGKILL');
    killed = true;
    await Promise.all(writers);

    const stored = await db.selectFrom('comments').select('id').where('id', 'in', acknowledged).execute();
    expect(stored.map((row) => row.id).sort((x, y) => x - y)).toEqual([...acknowledged].sort((x, y) => x - y));

    // The client moves to the survivor and resumes from the last seq it saw.
    await live.closed;
    const last = live.events().at(-1)?.seq ?? (await live.next<Extract<ServerMessage, { type: 'subscribed' }>>((m) => m.type === 'subscribed')).seq;
    const resumed = await LiveTestClient.connect(b.url, { origin: config.siteOrigin });
    cleanups.push(() => resumed.close());
    await resumed.subscribe(CHANNEL, last);
    const created = (client: LiveTestClient) => client.events().filter((e) => e.event.type === 'comment.created');
    const idOf = (e: EventFrame) => (e.event.data as { id: number }).id;
    const seen = () => [...created(live), ...created(resumed)].map(idOf);
    await expect.poll(() => acknowledged.every((id) => seen().includes(id)), { timeout: 20_000 }).toBe(true);
    expect(new Set(seen()).size).toBe(seen().length);
    const seqs = [...live.events(), ...resumed.events()].map((e) => e.seq);
    expect([...seqs].sort((x, y) => x - y)).toEqual(seqs);
  }, 180_000); // two app processes start (tsx compiles the server in each)
});
