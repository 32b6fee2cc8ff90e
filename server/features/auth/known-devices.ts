import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/database';
import { now } from '../../db/time';
import { hashToken } from './sessions';

export const DEVICE_COOKIE = 'agora_device';

/** Whether this browser's device token has signed in to the account with this username before. */
export async function isKnownDevice(db: Db, token: string | undefined, username: string): Promise<boolean> {
  if (!token) return false;
  const row = await db
    .selectFrom('known_devices')
    .innerJoin('users', 'users.id', 'known_devices.user_id')
    .select('known_devices.user_id')
    .where('known_devices.token_hash', '=', hashToken(token))
    .where((eb) => eb(eb.fn('lower', ['users.username']), '=', username.toLowerCase()))
    .executeTakeFirst();
  return row !== undefined;
}

/** Records a successful sign-in from this browser; returns the device token its cookie should hold. */
export async function rememberDevice(db: Db, token: string | undefined, userId: number): Promise<string> {
  const deviceToken = token && /^[A-Za-z0-9_-]{43}$/.test(token) ? token : randomBytes(32).toString('base64url');
  await db
    .insertInto('known_devices')
    .values({ token_hash: hashToken(deviceToken), user_id: userId, created_at: now() })
    .onConflict((conflict) => conflict.doNothing())
    .execute();
  return deviceToken;
}
