import { describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/database';
import { prepared } from '../../server/db/prepared-query';
import { buildTestApp } from '../helpers/test-app';

// `prepared` compiles a query once per shape of its arguments; every call must still run with its
// own values, whatever order the shapes come in, on SQLite and PostgreSQL alike.

const insertUser = prepared((db: Db, values: { username: string; display_name: string; role: 'citizen' | 'moderator'; email?: string; created_at: string }) =>
  db.insertInto('users').values({ password_hash: 'x', ...values }).returning(['id', 'username', 'email']),
);
const usersNamed = prepared((db: Db, names: readonly string[], role: 'citizen' | 'moderator' | undefined) => {
  const select = db.selectFrom('users').select(['username', 'role']).where('username', 'in', [...names]);
  return (role === undefined ? select : select.where('role', '=', role)).orderBy('username');
});

describe('prepared queries', () => {
  it('run each call with its own values, for records with and without optional columns', async () => {
    const app = await buildTestApp();
    const created_at = new Date().toISOString();
    const ada = await insertUser(app.db, { username: 'ada', display_name: 'Ada', role: 'citizen', created_at });
    const bea = await insertUser(app.db, { username: 'bea', display_name: 'Bea', role: 'moderator', email: 'bea@example.org', created_at });
    const cy = await insertUser(app.db, { username: 'cy', display_name: 'Cy', role: 'citizen', email: undefined, created_at });
    expect([ada[0]!.username, bea[0]!.username, cy[0]!.username]).toEqual(['ada', 'bea', 'cy']);
    expect([ada[0]!.email, bea[0]!.email, cy[0]!.email]).toEqual([null, 'bea@example.org', null]);
    expect(new Set([ada[0]!.id, bea[0]!.id, cy[0]!.id]).size).toBe(3);
  });

  it('take an `in` list of any length and a clause present only when its argument is', async () => {
    const app = await buildTestApp();
    const created_at = new Date().toISOString();
    for (const [username, role] of [['ada', 'citizen'], ['bea', 'moderator'], ['cy', 'moderator']] as const) {
      await insertUser(app.db, { username, display_name: username, role, created_at });
    }
    expect(await usersNamed(app.db, ['ada', 'bea'], undefined)).toEqual([{ username: 'ada', role: 'citizen' }, { username: 'bea', role: 'moderator' }]);
    expect(await usersNamed(app.db, ['ada', 'bea', 'cy'], 'moderator')).toEqual([{ username: 'bea', role: 'moderator' }, { username: 'cy', role: 'moderator' }]);
    expect(await usersNamed(app.db, ['cy'], undefined)).toEqual([{ username: 'cy', role: 'moderator' }]);
    expect(await usersNamed(app.db, ['ada', 'cy'], 'citizen')).toEqual([{ username: 'ada', role: 'citizen' }]);
  });

  it('refuse a query that reads an argument as a value while it is built', async () => {
    const app = await buildTestApp();
    const branchesOnValue = prepared((db: Db, role: string) => db.selectFrom('users').select('id').where('role', '=', role === 'moderator' ? 'moderator' : 'citizen'));
    await expect(branchesOnValue(app.db, 'moderator')).rejects.toThrow(/argument 0 is not a parameter/);
  });
});
