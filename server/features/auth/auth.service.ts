import type { LoginBody, RegisterBody } from '../../contracts/auth';
import type { FieldError } from '../../contracts/errors';
import type { Db } from '../../db/database';
import { now } from '../../db/time';
import { appendEvent } from '../../events/event-log';
import { userChannel } from '../../contracts/live';
import { HttpError } from '../../platform/errors';
import { queueRegistrationVerification } from './account.service';
import { type CurrentUser, toCurrentUser } from './current-user';
import { invalidFields } from '../../platform/form-errors';
import { decoyPasswordHash, hashPassword, passwordProblem, verifyPassword } from './passwords';
import { createSession, endSession } from './sessions';
import { writeTransaction } from '../../db/write-transaction';
import { findUserById, findUserByUsername, insertUser } from './users.repository';

const USERNAME_TAKEN: FieldError = { field: 'username', code: 'username_taken', message: 'That username is already taken. Choose another.' };

/** Everything wrong with a registration, in the order of the form's fields. */
async function registrationProblems(db: Db, input: RegisterBody): Promise<FieldError[]> {
  const problems: FieldError[] = [];
  if (await findUserByUsername(db, input.username)) problems.push(USERNAME_TAKEN);
  if (!input.displayName.trim()) problems.push({ field: 'displayName', code: 'invalid_input', message: 'Enter the name to show with your comments.' });
  const weakness = passwordProblem(input.password, input.username);
  if (weakness) problems.push({ field: 'password', code: 'weak_password', message: weakness });
  return problems;
}

/**
 * Creates a citizen account and signs it in; every problem is reported at once, each with its
 * field. An email address given is sent a confirmation link (`origin` is the site's, for the link).
 */
export async function register(db: Db, input: RegisterBody, origin: string): Promise<{ user: CurrentUser; token: string }> {
  const [problem, ...more] = await registrationProblems(db, input);
  if (problem) throw invalidFields([problem, ...more]);
  const passwordHash = await hashPassword(input.password);
  // Checked again inside the write: a concurrent registration may have taken the name meanwhile.
  return writeTransaction(db, async (trx) => {
    if (await findUserByUsername(trx, input.username)) throw invalidFields([USERNAME_TAKEN]);
    const id = await insertUser(trx, {
      username: input.username,
      display_name: input.displayName.trim(),
      email: input.email || null,
      password_hash: passwordHash,
      role: 'citizen',
      created_at: now(),
    });
    const user = toCurrentUser((await findUserById(trx, id))!);
    await queueRegistrationVerification(trx, origin, id);
    return { user, token: await createSession(trx, id) };
  });
}

/** Signs in; the same message for an unknown user and a wrong password, and the same time taken. */
export async function login(db: Db, input: LoginBody): Promise<{ user: CurrentUser; token: string }> {
  const row = await findUserByUsername(db, input.username);
  const valid = await verifyPassword(row?.password_hash ?? (await decoyPasswordHash()), input.password);
  if (!row || !valid) throw new HttpError(401, 'bad_credentials', 'The username or password is not right.', 'username');
  return { user: toCurrentUser(row), token: await writeTransaction(db, (trx) => createSession(trx, row.id)) };
}

/** Ends one session; the live channel hears of it and closes that session's sockets. */
export async function signOut(db: Db, token: string, userId: number | undefined): Promise<void> {
  await writeTransaction(db, async (trx) => {
    await endSession(trx, token);
    if (userId !== undefined) await appendEvent(trx, userChannel(userId), 'account.signed_out', { userId });
  });
}
