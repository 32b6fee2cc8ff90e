import { randomBytes } from 'node:crypto';
import type { AccountSettings, ChangeEmailBody, ChangePasswordBody, PasswordResetBody } from '../../contracts/account';
import { userChannel } from '../../contracts/live';
import type { Db } from '../../db/database';
import type { AccountTokenPurpose, UserRow } from '../../db/schema';
import { now } from '../../db/time';
import { type Trx, writeTransaction } from '../../db/write-transaction';
import { appendEvent } from '../../events/event-log';
import { badRequest, HttpError } from '../../platform/errors';
import { queueMail } from '../mail/mail.service';
import { passwordResetMail, verifyEmailMail } from './account-mail';
import { countRecentTokens, expireAccountTokens, findAccountToken, insertAccountToken, useAccountToken } from './account-tokens.repository';
import type { CurrentUser } from './current-user';
import { hashPassword, passwordProblem, verifyPassword } from './passwords';
import { hashToken } from './sessions';
import { deleteOtherSessions, deleteUserSessions } from './sessions.repository';
import { accountDataOf, anonymiseUser, findUserById, findUsersByEmail, setEmail, setPasswordHash } from './users.repository';

const HOUR_MS = 60 * 60 * 1000;
const LIFETIME_MS: Record<AccountTokenPurpose, number> = { reset_password: HOUR_MS, verify_email: 7 * 24 * HOUR_MS };
/** Links of one purpose one account may be sent per hour, so nobody can flood an inbox through us. */
export const LINKS_PER_HOUR = 3;

const BAD_LINK = 'This link has expired or has already been used. Ask for a new one.';

/** Issues a single-use link token (only its hash is stored) and returns the link, or null past the hourly allowance. */
async function issueLink(trx: Trx, origin: string, user: UserRow, purpose: AccountTokenPurpose, email: string | null, page: string): Promise<string | null> {
  const at = Date.now();
  if ((await countRecentTokens(trx, user.id, purpose, new Date(at - HOUR_MS).toISOString())) >= LINKS_PER_HOUR) return null;
  const token = randomBytes(32).toString('base64url');
  const createdAt = new Date(at).toISOString();
  await insertAccountToken(trx, { tokenHash: hashToken(token), userId: user.id, purpose, email, createdAt, expiresAt: new Date(at + LIFETIME_MS[purpose]).toISOString() });
  return `${origin}/${page}?token=${token}`;
}

/** A token that is known, of this purpose, unused and unexpired, or a 400 naming the token. */
async function liveToken(db: Db, token: string, purpose: AccountTokenPurpose) {
  const row = await findAccountToken(db, hashToken(token), purpose);
  if (!row || row.used_at !== null || Date.parse(row.expires_at) < Date.now()) throw badRequest(BAD_LINK, 'token');
  return row;
}

/** Ends every session of the account; the live channel closes their sockets. */
async function signOutSessions(trx: Trx, userId: number, keepToken?: string): Promise<void> {
  if (keepToken) await deleteOtherSessions(trx, userId, hashToken(keepToken));
  else await deleteUserSessions(trx, userId);
  await appendEvent(trx, userChannel(userId), 'account.signed_out', { userId });
}

/**
 * Emails a reset link to every live account with this address. The caller answers the same
 * whatever happened here, so nobody learns whether an address is registered.
 */
export async function requestPasswordReset(db: Db, origin: string, email: string): Promise<void> {
  await writeTransaction(db, async (trx) => {
    for (const user of await findUsersByEmail(trx, email)) {
      const link = await issueLink(trx, origin, user, 'reset_password', null, 'reset-password');
      if (link) await queueMail(trx, passwordResetMail(user.email!, user.username, link));
    }
  });
}

/** Sets a new password from a reset link; every session of the account ends. */
export async function resetPassword(db: Db, input: PasswordResetBody): Promise<void> {
  const token = await liveToken(db, input.token, 'reset_password');
  const user = (await findUserById(db, token.user_id))!;
  const weakness = passwordProblem(input.password, user.username);
  if (weakness) throw badRequest(weakness, 'password', 'weak_password');
  const passwordHash = await hashPassword(input.password);
  await writeTransaction(db, async (trx) => {
    if (!(await useAccountToken(trx, token.token_hash, now()))) throw badRequest(BAD_LINK, 'token');
    await setPasswordHash(trx, user.id, passwordHash);
    await expireAccountTokens(trx, user.id, 'reset_password', now());
    await signOutSessions(trx, user.id);
  });
}

/** 400 on `currentPassword` unless it is the account's password. */
export async function requireCurrentPassword(db: Db, userId: number, password: string): Promise<UserRow> {
  const row = (await findUserById(db, userId))!;
  if (!(await verifyPassword(row.password_hash, password))) throw new HttpError(400, 'bad_credentials', 'Your current password is not right.', 'currentPassword');
  return row;
}

/** A new password; every other session of the account ends, this one stays signed in. */
export async function changePassword(db: Db, user: CurrentUser, sessionToken: string, input: ChangePasswordBody): Promise<void> {
  const row = await requireCurrentPassword(db, user.id, input.currentPassword);
  const weakness = passwordProblem(input.newPassword, row.username);
  if (weakness) throw badRequest(weakness, 'newPassword', 'weak_password');
  const passwordHash = await hashPassword(input.newPassword);
  await writeTransaction(db, async (trx) => {
    await setPasswordHash(trx, user.id, passwordHash);
    await expireAccountTokens(trx, user.id, 'reset_password', now());
    await signOutSessions(trx, user.id, sessionToken);
  });
}

/** Sends a confirmation link to `email`; the account's address changes only when it is opened. */
async function sendConfirmation(db: Db, origin: string, row: UserRow, email: string): Promise<void> {
  await writeTransaction(db, async (trx) => {
    const link = await issueLink(trx, origin, row, 'verify_email', email, 'verify-email');
    if (!link) throw new HttpError(429, 'rate_limited', `We have sent ${LINKS_PER_HOUR} links in the last hour. Check your inbox, or try again later.`);
    await queueMail(trx, verifyEmailMail(email, row.username, link));
  });
}

/** Asks the new address to confirm itself (the password proves it is the owner asking). */
export async function changeEmail(db: Db, origin: string, user: CurrentUser, input: ChangeEmailBody): Promise<void> {
  const row = await requireCurrentPassword(db, user.id, input.currentPassword);
  await sendConfirmation(db, origin, row, input.email);
}

/** Sends (again) the link confirming the account's current address. */
export async function resendVerification(db: Db, origin: string, user: CurrentUser): Promise<void> {
  const row = (await findUserById(db, user.id))!;
  if (!row.email) throw badRequest('Add an email address to your account first.', 'email');
  if (row.email_verified_at) throw badRequest('Your email address is already confirmed.', 'email', 'unchanged');
  await sendConfirmation(db, origin, row, row.email);
}

/** Queued at registration: a link confirming the address given, if any. */
export async function queueRegistrationVerification(trx: Trx, origin: string, userId: number): Promise<void> {
  const row = (await findUserById(trx, userId))!;
  if (!row.email) return;
  const link = await issueLink(trx, origin, row, 'verify_email', row.email, 'verify-email');
  if (link) await queueMail(trx, verifyEmailMail(row.email, row.username, link));
}

/** Opening a confirmation link: the address it was sent to becomes the account's, confirmed. */
export async function verifyEmail(db: Db, token: string): Promise<void> {
  const row = await liveToken(db, token, 'verify_email');
  await writeTransaction(db, async (trx) => {
    if (!(await useAccountToken(trx, row.token_hash, now()))) throw badRequest(BAD_LINK, 'token');
    await setEmail(trx, row.user_id, row.email, now());
    await expireAccountTokens(trx, row.user_id, 'verify_email', now());
  });
}

export async function signOutEverywhere(db: Db, user: CurrentUser): Promise<void> {
  await writeTransaction(db, (trx) => signOutSessions(trx, user.id));
}

export async function getAccount(db: Db, user: CurrentUser): Promise<AccountSettings> {
  const row = (await findUserById(db, user.id))!;
  return { username: row.username, displayName: row.display_name, email: row.email, emailVerified: row.email_verified_at !== null, createdAt: row.created_at };
}

/** Everything the account itself holds about the person (their data download). */
export const accountData = (db: Db, user: CurrentUser) => accountDataOf(db, user.id);

/** Empties the account of personal data and ends its sessions; returns the address it had, if any. */
export async function anonymiseAccount(trx: Trx, userId: number): Promise<string | null> {
  const email = (await findUserById(trx, userId))?.email ?? null;
  await anonymiseUser(trx, userId, now());
  await signOutSessions(trx, userId);
  return email;
}
