import type { Db } from '../../db/database';

/** Deletes events older than the retention window, always keeping the newest so seq stays known. */
export async function pruneEvents(db: Db, retentionDays: number): Promise<number> {
  const cutoff = new Date(Date.now() - retentionDays * 24 * 60 * 60 * 1000).toISOString();
  const newest = await db.selectFrom('events').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirst();
  const result = await db
    .deleteFrom('events')
    .where('created_at', '<', cutoff)
    .where('seq', '<', Number(newest?.seq ?? 0))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
