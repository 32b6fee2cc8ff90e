import type { LoggedEventMap, LiveEventType } from '../contracts/live';
import type { Insertable } from 'kysely';
import type { Db } from '../db/database';
import type { EventsTable } from '../db/schema';
import { lockAndAnnounce, usesPostgres } from '../db/postgres';
import { now } from '../db/time';
import type { Trx } from '../db/write-transaction';
import { prepared } from '../db/prepared-query';

/** One row of the live event log as the live channel reads it. `data` is the full payload; the
 *  live feature filters it per viewer with the owning feature's visibility rules before sending. */
export interface LoggedEvent<T = unknown> {
  seq: number;
  channel: string;
  type: string;
  data: T;
  createdAt: string;
}

/**
 * Appends an event. Call it with the transaction that makes the change, so the change and its
 * event commit (or roll back) together; the live hub reads the table after commit.
 * On PostgreSQL it first takes the write lock (a group-commit batch already holds it), so seqs
 * commit in order for every writer, even one outside group commit, and wakes other instances.
 */
export async function appendEvent<K extends LiveEventType>(trx: Trx, channel: string, type: K, data: LoggedEventMap[K]): Promise<void> {
  if (usesPostgres(trx)) await lockAndAnnounce(trx);
  await insertEvent(trx, { channel, type, payload: JSON.stringify(data), created_at: now() });
}

const insertEvent = prepared((trx: Trx, values: Insertable<EventsTable>) => trx.insertInto('events').values(values));

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

/**
 * Whether more than `limit` events of `channels` lie in (afterSeq, upToSeq], answered from the
 * (channel, seq) index without reading a payload.
 */
export async function hasMoreEventsThan(db: Db, afterSeq: number, upToSeq: number, limit: number, channels: string[]): Promise<boolean> {
  if (channels.length === 0) return false;
  const row = await db.selectFrom('events').select('seq').where('seq', '>', afterSeq).where('seq', '<=', upToSeq).where('channel', 'in', channels).orderBy('seq').limit(1).offset(limit).executeTakeFirst();
  return row !== undefined;
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
