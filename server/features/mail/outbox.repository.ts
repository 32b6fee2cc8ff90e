import type { Insertable } from 'kysely';
import type { Db } from '../../db/database';
import type { OutboxTable } from '../../db/schema';

export async function insertMail(db: Db, values: Insertable<OutboxTable>): Promise<number> {
  return (await db.insertInto('outbox').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

/** Mail neither sent nor given up on whose next attempt is due, oldest first. */
export async function dueMail(db: Db, at: string, limit: number) {
  return db
    .selectFrom('outbox')
    .selectAll()
    .where('sent_at', 'is', null)
    .where('failed_at', 'is', null)
    .where('next_attempt_at', '<=', at)
    .orderBy('id')
    .limit(limit)
    .execute();
}

export async function markSent(db: Db, id: number, at: string): Promise<void> {
  await db.updateTable('outbox').set({ sent_at: at, last_error: null }).where('id', '=', id).execute();
}

export async function markAttemptFailed(db: Db, id: number, attempts: number, error: string, next: { retryAt: string } | { failedAt: string }): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ attempts, last_error: error, ...('retryAt' in next ? { next_attempt_at: next.retryAt } : { failed_at: next.failedAt }) })
    .where('id', '=', id)
    .execute();
}

/** Mail to one address (a deleted account's data export and erasure). */
export async function deleteMailTo(db: Db, address: string): Promise<void> {
  await db.deleteFrom('outbox').where('to_address', '=', address).execute();
}
