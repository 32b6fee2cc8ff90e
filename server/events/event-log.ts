import type { Db } from '../db/database';
import { now } from '../db/time';
import type { Trx } from '../db/write-transaction';

/** One row of the live event log as the live channel reads it. `data` is the full payload; the
 *  live feature filters it per viewer with the owning feature's visibility rules before sending. */
export interface LoggedEvent<T = unknown> {
  seq: number;
  channel: string;
  type: string;
  data: T;
  createdAt: string;
}

/** `section:<consultation>/<section>` — what readers of one section subscribe to. */
export const sectionChannel = (consultationSlug: string, sectionSlug: string): string => `section:${consultationSlug}/${sectionSlug}`;
/** `consultation:<slug>` — consultation-wide events (counts on the overview, phase changes). */
export const consultationChannel = (consultationSlug: string): string => `consultation:${consultationSlug}`;
/** Private per-account channel: a role change, block or sign-out re-checks that person's live sockets. */
export const USER_CHANNEL_PREFIX = 'user:';
export const userChannel = (userId: number): string => `${USER_CHANNEL_PREFIX}${userId}`;
/** Moderators' channel: reports and queue changes. */
export const MODERATION_CHANNEL = 'moderation';

/**
 * Appends an event. Call it with the transaction that makes the change, so the change and its
 * event commit (or roll back) together; the live hub reads the table after commit.
 */
export async function appendEvent(trx: Trx, channel: string, type: string, data: unknown): Promise<void> {
  await trx.insertInto('events').values({ channel, type, payload: JSON.stringify(data), created_at: now() }).execute();
}

/** Events after `afterSeq` in order, optionally only for some channels, at most `limit`. */
export async function readEventsAfter(db: Db, afterSeq: number, limit: number, channels?: string[]): Promise<LoggedEvent[]> {
  let query = db.selectFrom('events').selectAll().where('seq', '>', afterSeq);
  if (channels) {
    if (channels.length === 0) return [];
    query = query.where('channel', 'in', channels);
  }
  const rows = await query.orderBy('seq').limit(limit).execute();
  return rows.map((row) => ({ seq: row.seq, channel: row.channel, type: row.type, data: JSON.parse(row.payload), createdAt: row.created_at }));
}

/** The newest seq in the log (0 when empty). */
export async function latestSeq(db: Db): Promise<number> {
  const row = await db.selectFrom('events').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirst();
  return Number(row?.seq ?? 0);
}

/** The oldest seq still kept; a client resuming from before it must reset. */
export async function oldestSeq(db: Db): Promise<number> {
  const row = await db.selectFrom('events').select((eb) => eb.fn.min('seq').as('seq')).executeTakeFirst();
  return Number(row?.seq ?? 0);
}
