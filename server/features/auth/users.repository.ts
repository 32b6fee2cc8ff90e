import { type Insertable, sql } from 'kysely';
import type { Db } from '../../db/database';
import type { Role, UsersTable } from '../../db/schema';

export async function findUserByUsername(db: Db, username: string) {
  // Usernames are unique regardless of case: "Alice" and "alice" are one account.
  return db.selectFrom('users').selectAll().where((eb) => eb(eb.fn('lower', ['username']), '=', username.toLowerCase())).executeTakeFirst();
}

export async function findUserById(db: Db, id: number) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertUser(db: Db, values: Insertable<UsersTable>): Promise<number> {
  return (await db.insertInto('users').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

/** Accounts in the order they joined; with `search`, those whose username, name or email contains it (any case). */
export async function listUsers(db: Db, limit: number, offset: number, search?: string) {
  let query = db.selectFrom('users').selectAll();
  if (search) {
    // LIKE's own wildcards in what was typed are taken literally.
    const pattern = `%${search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const matches = (column: 'username' | 'display_name' | 'email') => sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
    query = query.where((eb) => eb.or([matches('username'), matches('display_name'), matches('email')]));
  }
  return query.orderBy('id').limit(limit).offset(offset).execute();
}

export async function countAdmins(db: Db): Promise<number> {
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).where('role', '=', 'admin').executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function setRole(db: Db, id: number, role: Role): Promise<void> {
  await db.updateTable('users').set({ role }).where('id', '=', id).execute();
}

export async function setBlocked(db: Db, id: number, blockedAt: string | null, reason: string | null): Promise<void> {
  await db.updateTable('users').set({ blocked_at: blockedAt, blocked_reason: reason }).where('id', '=', id).execute();
}

/** Live accounts with this email address (any case); addresses are not unique, so there may be several. */
export async function findUsersByEmail(db: Db, email: string) {
  return db
    .selectFrom('users')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .where('deleted_at', 'is', null)
    .execute();
}

export async function setPasswordHash(db: Db, id: number, passwordHash: string): Promise<void> {
  await db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', id).execute();
}

export async function setEmail(db: Db, id: number, email: string | null, verifiedAt: string | null): Promise<void> {
  await db.updateTable('users').set({ email, email_verified_at: verifiedAt }).where('id', '=', id).execute();
}

/** Who to notify: live accounts among `ids`, with their address only once it is confirmed. */
export async function findRecipients(db: Db, ids: number[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('users')
    .select(['id', 'role', 'email', 'email_verified_at'])
    .where('id', 'in', ids)
    .where('deleted_at', 'is', null)
    .where('blocked_at', 'is', null)
    .execute();
}

/** Live, unblocked accounts holding one of `roles` (admins hold every role). */
export async function idsWithRoles(db: Db, roles: Role[]): Promise<number[]> {
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('role', 'in', [...roles, 'admin'])
    .where('deleted_at', 'is', null)
    .where('blocked_at', 'is', null)
    .execute();
  return rows.map((row) => row.id);
}

/**
 * Erasure: the row stays (comments and proposals point at it) but holds nothing personal, cannot
 * sign in, and is shown as "Deleted account". The username is freed for someone else.
 */
export async function anonymiseUser(db: Db, id: number, at: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ username: `deleted-${id}`, display_name: 'Deleted account', email: null, email_verified_at: null, password_hash: '!', blocked_reason: null, deleted_at: at })
    .where('id', '=', id)
    .execute();
  await db.deleteFrom('known_devices').where('user_id', '=', id).execute();
  await db.deleteFrom('account_tokens').where('user_id', '=', id).execute();
}

/** The account's own row and sessions, for its data download (no password hash, no token hashes). */
export async function accountDataOf(db: Db, id: number) {
  const user = await db.selectFrom('users').select(['username', 'display_name', 'email', 'email_verified_at', 'role', 'blocked_at', 'blocked_reason', 'created_at']).where('id', '=', id).executeTakeFirstOrThrow();
  const sessions = await db.selectFrom('sessions').select(['created_at', 'last_seen_at']).where('user_id', '=', id).execute();
  const devices = await db.selectFrom('known_devices').select(['created_at']).where('user_id', '=', id).execute();
  return { user, sessions, knownBrowsers: devices };
}
