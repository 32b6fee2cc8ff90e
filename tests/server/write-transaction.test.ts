import { beforeEach, describe, expect, it } from 'vitest';
import { now } from '../../server/db/time';
import { writeTransaction } from '../../server/db/write-transaction';
import { timeSlices } from '../../server/platform/time-slices';
import type { App } from '../../server/platform/fastify';
import { buildTestApp } from '../helpers/test-app';

let app: App;
beforeEach(async () => {
  app = await buildTestApp();
});

const insertUser = (username: string) => (trx: App['db']) =>
  trx.insertInto('users').values({ username, display_name: username, password_hash: 'x', role: 'citizen', created_at: now() }).returning('id').executeTakeFirstOrThrow();

/** Runs `work` while logging 'tick' once per turn of the event loop; returns the log. */
async function withTicks(work: (log: string[]) => Promise<unknown>): Promise<string[]> {
  const log: string[] = [];
  let ticking = true;
  const tick = () => {
    if (!ticking) return;
    log.push('tick');
    setImmediate(tick);
  };
  setImmediate(tick);
  await work(log);
  ticking = false;
  return log;
}

const ticksBetween = (log: string[], from: string, to: string) => log.slice(log.indexOf(from), log.indexOf(to)).filter((entry) => entry === 'tick').length;

/** Keeps the event loop busy for `ms`, as a step of real work would. */
function spin(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

describe('time slices', () => {
  it('yield to waiting work once their budget is spent, and not before', async () => {
    const log = await withTicks(async (log) => {
      const slice = timeSlices(5);
      for (const step of ['cheap 1', 'cheap 2', 'cheap 3']) {
        await slice();
        log.push(step);
      }
      for (const step of ['costly 1', 'costly 2', 'costly 3']) {
        await slice();
        spin(6);
        log.push(step);
      }
    });
    expect(ticksBetween(log, 'cheap 1', 'cheap 3')).toBe(0);
    expect(ticksBetween(log, 'costly 1', 'costly 2')).toBeGreaterThan(0);
    expect(ticksBetween(log, 'costly 2', 'costly 3')).toBeGreaterThan(0);
  });

  it('let other work run between the costly writes of a batch', async () => {
    const log = await withTicks((log) =>
      Promise.all(
        [0, 1, 2].map((i) =>
          writeTransaction(app.db, async (trx) => {
            spin(5);
            log.push(`write ${i}`);
            return insertUser(`user${i}`)(trx);
          }),
        ),
      ),
    );
    for (const [from, to] of [['write 0', 'write 1'], ['write 1', 'write 2']] as const) {
      expect(ticksBetween(log, from, to), `${from} → ${to}`).toBeGreaterThan(0);
    }
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
