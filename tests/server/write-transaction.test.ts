import Fastify from 'fastify';
import pg from 'pg';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { now } from '../../server/db/time';
import { writeTransaction } from '../../server/db/write-transaction';
import { appendEvent } from '../../server/events/event-log';
import { registerWriteTurns, waitInLine, yieldIfSliceSpent } from '../../server/platform/time-slices';
import type { App } from '../../server/platform/fastify';
import { buildTestApp, onPostgres } from '../helpers/test-app';

let app: App;
beforeEach(async () => {
  app = await buildTestApp();
});

const insertUser = (username: string) => (trx: App['db']) =>
  trx.insertInto('users').values({ username, display_name: username, password_hash: 'x', role: 'citizen', created_at: now() }).returning('id').executeTakeFirstOrThrow();

/**
 * Logs `step`, and queues a callback as a request arriving at that moment would be: `waited on
 * <step>` is logged once the event loop gets to it.
 */
function logStep(log: string[], step: string): void {
  log.push(step);
  setImmediate(() => log.push(`waited on ${step}`));
}

/** Whether what arrived during `step` ran before `next`. */
function ranBetween(log: string[], step: string, next: string): boolean {
  const waited = log.indexOf(`waited on ${step}`);
  return waited >= 0 && waited < log.indexOf(next);
}

/** Keeps the event loop busy for `ms`, as a step of real work would. */
function spin(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

describe('time slices', () => {
  /** Spends the current slice, so the next step starts a fresh one. */
  async function startFreshSlice(): Promise<void> {
    spin(2);
    await yieldIfSliceSpent();
  }

  it('yield to waiting work once their budget is spent, and not before', async () => {
    // The slice clock is driven by hand: a busy machine can stall any real step past half a millisecond.
    let clock = performance.now();
    const now = vi.spyOn(performance, 'now').mockImplementation(() => clock);
    try {
      const log: string[] = [];
      clock += 2;
      await yieldIfSliceSpent();
      for (const step of ['cheap 1', 'cheap 2', 'cheap 3']) {
        await yieldIfSliceSpent();
        logStep(log, step);
      }
      for (const step of ['costly 1', 'costly 2', 'costly 3']) {
        await yieldIfSliceSpent();
        clock += 2;
        logStep(log, step);
      }
      expect(ranBetween(log, 'cheap 1', 'cheap 3')).toBe(false);
      expect(ranBetween(log, 'costly 1', 'costly 2')).toBe(true);
      expect(ranBetween(log, 'costly 2', 'costly 3')).toBe(true);
    } finally {
      now.mockRestore();
    }
  });

  /** Three steps of `ms` each, yielding before each as write work does. */
  async function runSteps(log: string[], name: string, ms: number): Promise<void> {
    for (const step of [1, 2, 3]) {
      await yieldIfSliceSpent();
      spin(ms);
      logStep(log, `${name} ${step}`);
    }
  }

  it('share one budget between runs of work, so two runs of cheap steps together still yield', async () => {
    const log: string[] = [];
    await startFreshSlice();
    await Promise.all([runSteps(log, 'a', 0.12), runSteps(log, 'b', 0.12)]);
    // 6 steps of 0.12 ms against a 0.5 ms slice: neither run alone would have yielded by its last step, together they must.
    expect(ranBetween(log, 'a 1', 'a 3') || ranBetween(log, 'b 1', 'b 3')).toBe(true);
  });

  it('resume one waiter per turn, in the order they began waiting, so none that keeps yielding starves another', async () => {
    const log: string[] = [];
    await startFreshSlice();
    await Promise.all([runSteps(log, 'a', 2), runSteps(log, 'b', 2)]);
    expect(log.filter((entry) => !entry.startsWith('waited'))).toEqual(['a 1', 'b 1', 'a 2', 'b 2', 'a 3', 'b 3']);
    // Each resumed step gets a turn of its own: what arrived during one runs before the next.
    for (const [step, next] of [['a 2', 'b 2'], ['b 2', 'a 3'], ['a 3', 'b 3']]) expect(ranBetween(log, step!, next!)).toBe(true);
  });

  it('hold a write request back once the slice is spent, behind the work already waiting, and never a read', async () => {
    const server = Fastify();
    registerWriteTurns(server);
    const log: string[] = [];
    server.post('/write', async () => void log.push('write handled'));
    server.get('/read', async () => void log.push('read handled'));
    await server.ready();
    await startFreshSlice();
    spin(2);
    const waiter = waitInLine().then(() => log.push('earlier work resumed'));
    await Promise.all([server.inject({ method: 'POST', url: '/write' }), server.inject({ method: 'GET', url: '/read' }), waiter]);
    expect(log).toEqual(['read handled', 'earlier work resumed', 'write handled']);
    await server.close();
  });

  it('let other work run between the costly writes of a batch', async () => {
    const log: string[] = [];
    await Promise.all(
      [0, 1, 2].map((i) =>
        writeTransaction(app.db, async (trx) => {
          spin(3);
          logStep(log, `write ${i}`);
          return insertUser(`user${i}`)(trx);
        }),
      ),
    );
    expect(ranBetween(log, 'write 0', 'write 1')).toBe(true);
    expect(ranBetween(log, 'write 1', 'write 2')).toBe(true);
  });

  it('answer the writers of a batch in a later turn once the batch has spent the slice', async () => {
    const log: string[] = [];
    await Promise.all(
      [0, 1].map(async (i) => {
        await writeTransaction(app.db, async (trx) => {
          const row = await insertUser(`user${i}`)(trx);
          spin(2);
          logStep(log, `write ${i}`);
          return row;
        });
        log.push(`answered ${i}`);
      }),
    );
    expect(ranBetween(log, 'write 1', 'answered 0')).toBe(true);
  });

  it('let other work run between the statements of one long write', async () => {
    const log: string[] = [];
    await writeTransaction(app.db, async (trx) => {
      for (const i of [0, 1, 2]) {
        spin(3);
        logStep(log, `statement ${i}`);
        await insertUser(`user${i}`)(trx);
      }
    });
    expect(ranBetween(log, 'statement 0', 'statement 1')).toBe(true);
    expect(ranBetween(log, 'statement 1', 'statement 2')).toBe(true);
  });
});

describe('group commit', () => {
  it('commits writes that arrive together in one transaction, each answered with its own result', async () => {
    let transactions = 0;
    const original = app.db.startTransaction.bind(app.db);
    app.db.startTransaction = () => {
      transactions += 1;
      return original();
    };
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => writeTransaction(app.db, insertUser(`user${i}`))));
    expect(new Set(results.map((r) => r.id)).size).toBe(50);
    expect(transactions).toBe(1);
    expect(await app.db.selectFrom('users').select('username').execute()).toHaveLength(50);
  });

  it('rolls back only the write that failed', async () => {
    const outcomes = await Promise.allSettled([
      writeTransaction(app.db, insertUser('kept-1')),
      writeTransaction(app.db, async (trx) => {
        await insertUser('rolled-back')(trx);
        throw new Error('refused');
      }),
      writeTransaction(app.db, insertUser('kept-2')),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const names = (await app.db.selectFrom('users').select('username').orderBy('username').execute()).map((u) => u.username);
    expect(names).toEqual(['kept-1', 'kept-2']);
  });

  it('fails every write of a batch whose commit fails, leaving nothing behind', async () => {
    const original = app.db.startTransaction.bind(app.db);
    app.db.startTransaction = () => {
      const builder = original();
      const execute = builder.execute.bind(builder);
      builder.execute = async () => {
        const trx = await execute();
        trx.commit = () => ({ execute: async () => Promise.reject(new Error('disk full')) }) as never;
        return trx;
      };
      return builder;
    };
    const outcomes = await Promise.allSettled([writeTransaction(app.db, insertUser('a')), writeTransaction(app.db, insertUser('b'))]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    app.db.startTransaction = original;
    // The failed batch was rolled back and the connection is usable again.
    await writeTransaction(app.db, insertUser('after'));
    expect((await app.db.selectFrom('users').select('username').execute()).map((u) => u.username)).toEqual(['after']);
  });

  it('joins the surrounding transaction when called inside one', async () => {
    await writeTransaction(app.db, async (trx) => {
      await writeTransaction(trx, insertUser('inner'));
      await insertUser('outer')(trx);
    });
    expect(await app.db.selectFrom('users').select('username').execute()).toHaveLength(2);
  });
});

describe.runIf(onPostgres)('group commit on PostgreSQL', () => {
  const unlocked = { by: { username: 'test', displayName: 'Test' } };

  /** What `run` sends to the server, one list of statements per connection. */
  async function statementsSent(run: () => Promise<unknown>): Promise<string[][]> {
    const sent = new Map<pg.Client, string[]>();
    const query = pg.Client.prototype.query;
    pg.Client.prototype.query = function (this: pg.Client, text: unknown, ...rest: unknown[]) {
      if (!sent.has(this)) sent.set(this, []);
      sent.get(this)!.push(typeof text === 'string' ? text : (text as { text: string }).text);
      return (query as (...args: unknown[]) => unknown).call(this, text, ...rest);
    } as typeof query;
    try {
      await run();
    } finally {
      pg.Client.prototype.query = query;
    }
    return [...sent.values()];
  }

  it('holds the write lock for one round trip per statement and per write, and two more per batch', async () => {
    const sent = await statementsSent(() =>
      Promise.allSettled([
        writeTransaction(app.db, insertUser('first')),
        writeTransaction(app.db, async (trx) => {
          await insertUser('second')(trx);
          await appendEvent(trx, 'test', 'section.unlocked', unlocked);
        }),
        writeTransaction(app.db, async (trx) => {
          await insertUser('refused')(trx);
          throw new Error('refused');
        }),
      ]),
    );
    const onConnection = sent.find((statements) => statements[0] === 'begin')!;
    // The batch ends at its commit; the connection may serve others after it (the live hub's read).
    const batch = onConnection.slice(0, onConnection.indexOf('commit') + 1);
    // The lock, its NOTIFY and the first savepoint in one query; each write's savepoint ended and
    // the next begun in one; appendEvent does not ask again for the lock the batch holds.
    expect(batch).toEqual([
      'begin',
      expect.stringMatching(/^SELECT pg_advisory_xact_lock\(.*pg_notify\(.*; SAVEPOINT unit$/),
      expect.stringMatching(/^insert into "users"/),
      'RELEASE SAVEPOINT unit; SAVEPOINT unit',
      expect.stringMatching(/^insert into "users"/),
      expect.stringMatching(/^insert into "events"/),
      'RELEASE SAVEPOINT unit; SAVEPOINT unit',
      expect.stringMatching(/^insert into "users"/),
      'ROLLBACK TO SAVEPOINT unit',
      'commit',
    ]);
    expect((await app.db.selectFrom('users').select('username').orderBy('id').execute()).map((u) => u.username)).toEqual(['first', 'second']);
  });

  it('takes the write lock before its first write, so events commit in seq order with any other writer', async () => {
    const other = await app.db.startTransaction().execute();
    await appendEvent(other, 'test', 'section.unlocked', unlocked);
    const order: string[] = [];
    const batch = writeTransaction(app.db, async (trx) => {
      order.push('batch writes');
      await appendEvent(trx, 'test', 'section.unlocked', unlocked);
    }).then(() => order.push('batch committed'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    order.push('other commits');
    await other.commit().execute();
    await batch;
    expect(order).toEqual(['other commits', 'batch writes', 'batch committed']);
  });

  it('rolls back only a write that swallowed a database error, which COMMIT would otherwise roll back with the rest', async () => {
    // A swallowed error leaves the transaction aborted, and PostgreSQL answers COMMIT by rolling it all back.
    const swallowingError = async (trx: App['db']) => {
      await insertUser('kept')(trx).catch(() => undefined);
    };
    const outcomes = await Promise.allSettled([
      writeTransaction(app.db, insertUser('kept')),
      writeTransaction(app.db, swallowingError),
      writeTransaction(app.db, insertUser('after')),
      writeTransaction(app.db, swallowingError),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected']);
    expect((await app.db.selectFrom('users').select('username').orderBy('id').execute()).map((u) => u.username)).toEqual(['kept', 'after']);
  });
});
