import { Value } from 'typebox/value';
import { type AdminUser, type Role, type UserPage, Username } from '../../contracts/auth';
import type { Db } from '../../db/database';
import type { UserRow } from '../../db/schema';
import { now } from '../../db/time';
import { writeTransaction } from '../../db/write-transaction';
import { appendEvent } from '../../events/event-log';
import { userChannel } from '../../contracts/live';
import { HttpError, notFound } from '../../platform/errors';
import { invalidFields } from '../../platform/form-errors';
import { hashPassword, passwordProblem } from './passwords';
import { deleteUserSessions } from './sessions.repository';
import { countAdmins, findRecipients, findUserById, findUserByUsername, idsWithRoles, insertUser, listUsers, setBlocked, setRole } from './users.repository';

export const USERNAME_RULE = 'Username must be 3 to 32 characters and use only letters, numbers, full stops, hyphens and underscores.';

export function presentAdminUser(row: UserRow): AdminUser {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    blocked: row.blocked_at !== null,
    email: row.email,
    blockedReason: row.blocked_reason,
    createdAt: row.created_at,
  };
}

const USERS_PAGE = 100;

/** One page of accounts, optionally only those matching `q`. */
export async function getUsers(db: Db, page: number, q?: string): Promise<UserPage> {
  const rows = await listUsers(db, USERS_PAGE + 1, (page - 1) * USERS_PAGE, q?.trim() || undefined);
  return { users: rows.slice(0, USERS_PAGE).map(presentAdminUser), page, nextPage: rows.length > USERS_PAGE ? page + 1 : null };
}

async function requireUser(db: Db, id: number): Promise<UserRow> {
  const user = await findUserById(db, id);
  if (!user) throw notFound('User');
  return user;
}

/** Takes effect on the person's next request; the live channel re-checks their open sockets at once. */
export async function changeRole(db: Db, id: number, role: Role): Promise<AdminUser> {
  return writeTransaction(db, async (trx) => {
    const user = await requireUser(trx, id);
    if (user.role === 'admin' && role !== 'admin' && (await countAdmins(trx)) <= 1) {
      throw new HttpError(409, 'last_admin', 'This is the only admin. Make someone else an admin first.');
    }
    await setRole(trx, id, role);
    await appendEvent(trx, userChannel(id), 'account.role_changed', { userId: id, role });
    return presentAdminUser((await findUserById(trx, id))!);
  });
}

/**
 * Blocking signs the person out everywhere at once; they can still read once signed in again.
 * Inside another write (moderation's block) it joins that transaction.
 */
export async function blockUser(db: Db, id: number, reason: string): Promise<AdminUser> {
  const trimmed = reason.trim();
  if (!trimmed) throw invalidFields([{ field: 'reason', code: 'invalid_input', message: 'Enter the reason for blocking this account.' }]);
  return writeTransaction(db, async (trx) => {
    await requireUser(trx, id);
    await setBlocked(trx, id, now(), trimmed);
    await deleteUserSessions(trx, id);
    await appendEvent(trx, userChannel(id), 'account.blocked', { userId: id });
    return presentAdminUser((await findUserById(trx, id))!);
  });
}

export async function unblockUser(db: Db, id: number): Promise<AdminUser> {
  return writeTransaction(db, async (trx) => {
    await requireUser(trx, id);
    await setBlocked(trx, id, null, null);
    await appendEvent(trx, userChannel(id), 'account.unblocked', { userId: id });
    return presentAdminUser((await findUserById(trx, id))!);
  });
}

/** For the command line: create an account with any role (the only way to make the first admin). */
export async function createUser(db: Db, input: { username: string; displayName: string; password: string; role: Role }): Promise<AdminUser> {
  // The same rules as registering through the site.
  if (!Value.Check(Username, input.username)) throw new Error(USERNAME_RULE);
  const problem = passwordProblem(input.password, input.username);
  if (problem) throw new Error(problem);
  if (await findUserByUsername(db, input.username)) throw new Error(`The username "${input.username}" is already taken.`);
  const id = await insertUser(db, {
    username: input.username,
    display_name: input.displayName,
    email: null,
    password_hash: await hashPassword(input.password),
    role: input.role,
    created_at: now(),
  });
  return presentAdminUser((await findUserById(db, id))!);
}

export async function hasAdmin(db: Db): Promise<boolean> {
  return (await countAdmins(db)) > 0;
}

/** An account by id, as stored. */
export async function accountById(db: Db, id: number): Promise<UserRow | undefined> {
  return findUserById(db, id);
}

/** An account by username, as stored. */
export async function accountByUsername(db: Db, username: string): Promise<UserRow | undefined> {
  return findUserByUsername(db, username);
}

export { presentUser, toCurrentUser } from './current-user';
export { resolveSession } from './sessions';

/** A person to notify: email only when confirmed. */
export interface Recipient {
  id: number;
  role: Role;
  email: string | null;
}

export async function recipientsAmong(db: Db, ids: number[]): Promise<Recipient[]> {
  const rows = await findRecipients(db, [...new Set(ids)]);
  return rows.map((row) => ({ id: row.id, role: row.role, email: row.email_verified_at ? row.email : null }));
}

export const staffWithRoles = (db: Db, roles: Role[]) => idsWithRoles(db, roles);
