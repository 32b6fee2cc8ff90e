import type { LoginBody, RegisterBody } from '../../contracts/auth';
import type { Db } from '../../db/database';
import { now } from '../../db/time';
import { HttpError } from '../../platform/errors';
import type { CurrentUser } from './current-user';
import { decoyPasswordHash, hashPassword, passwordProblem, verifyPassword } from './passwords';
import { createSession } from './sessions';
import { findUserById, findUserByUsername, insertUser } from './users.repository';

type UserRow = NonNullable<Awaited<ReturnType<typeof findUserById>>>;

export function toCurrentUser(row: UserRow): CurrentUser {
  return { id: row.id, username: row.username, displayName: row.display_name, role: row.role, blocked: row.blocked_at !== null };
}

/** Creates a citizen account and signs it in; field errors name the field to fix. */
export async function register(db: Db, input: RegisterBody): Promise<{ user: CurrentUser; token: string }> {
  const displayName = input.displayName.trim();
  if (!displayName) throw new HttpError(400, 'invalid_input', 'Enter the name to show with your comments.', 'displayName');
  const problem = passwordProblem(input.password, input.username);
  if (problem) throw new HttpError(400, 'weak_password', problem, 'password');
  if (await findUserByUsername(db, input.username)) {
    throw new HttpError(409, 'username_taken', 'That username is already taken. Choose another.', 'username');
  }
  const passwordHash = await hashPassword(input.password);
  // Checked again inside the write: a concurrent registration may have taken the name meanwhile.
  return db.transaction().execute(async (trx) => {
    if (await findUserByUsername(trx, input.username)) {
      throw new HttpError(409, 'username_taken', 'That username is already taken. Choose another.', 'username');
    }
    const id = await insertUser(trx, {
      username: input.username,
      display_name: displayName,
      email: input.email || null,
      password_hash: passwordHash,
      role: 'citizen',
      created_at: now(),
    });
    const user = toCurrentUser((await findUserById(trx, id))!);
    return { user, token: await createSession(trx, id) };
  });
}

/** Signs in; the same message for an unknown user and a wrong password, and the same time taken. */
export async function login(db: Db, input: LoginBody): Promise<{ user: CurrentUser; token: string }> {
  const row = await findUserByUsername(db, input.username);
  const valid = await verifyPassword(row?.password_hash ?? (await decoyPasswordHash()), input.password);
  if (!row || !valid) throw new HttpError(401, 'bad_credentials', 'The username or password is not right.', 'username');
  return { user: toCurrentUser(row), token: await createSession(db, row.id) };
}
