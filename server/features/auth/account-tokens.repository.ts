import type { Db } from '../../db/database';
import type { AccountTokenPurpose } from '../../db/schema';

export async function insertAccountToken(db: Db, values: { tokenHash: string; userId: number; purpose: AccountTokenPurpose; email: string | null; createdAt: string; expiresAt: string }): Promise<void> {
  await db
    .insertInto('account_tokens')
    .values({ token_hash: values.tokenHash, user_id: values.userId, purpose: values.purpose, email: values.email, created_at: values.createdAt, expires_at: values.expiresAt })
    .execute();
}

export async function findAccountToken(db: Db, tokenHash: string, purpose: AccountTokenPurpose) {
  return db.selectFrom('account_tokens').selectAll().where('token_hash', '=', tokenHash).where('purpose', '=', purpose).executeTakeFirst();
}

/** Marks a token used; false if it was already (so a link works once even under a race). */
export async function useAccountToken(db: Db, tokenHash: string, at: string): Promise<boolean> {
  const result = await db.updateTable('account_tokens').set({ used_at: at }).where('token_hash', '=', tokenHash).where('used_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Tokens of one purpose issued to an account since `since` (the per-account throttle). */
export async function countRecentTokens(db: Db, userId: number, purpose: AccountTokenPurpose, since: string): Promise<number> {
  const row = await db
    .selectFrom('account_tokens')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('purpose', '=', purpose)
    .where('created_at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Every unused link of one purpose stops working (a new password, a new address). */
export async function expireAccountTokens(db: Db, userId: number, purpose: AccountTokenPurpose, at: string): Promise<void> {
  await db.updateTable('account_tokens').set({ used_at: at }).where('user_id', '=', userId).where('purpose', '=', purpose).where('used_at', 'is', null).execute();
}
