import type { Db } from '../../db/database';
import type { Trx } from '../../db/write-transaction';
import { prepared } from '../../db/prepared-query';

// The LSH band index of response signatures (migration 0022), read and grown as responses arrive.

export interface BandRow {
  band_key: number;
  comment_id: number;
}

/** Every indexed response sharing one of `keys` in the consultation: one query for all bands. */
export async function bandMembers(db: Db, consultationId: number, keys: readonly number[]): Promise<BandRow[]> {
  if (keys.length === 0) return [];
  return membersOfBands(db, consultationId, keys);
}

const membersOfBands = prepared((db: Db, consultationId: number, keys: readonly number[]) =>
  db.selectFrom('analysis_campaign_bands').select(['band_key', 'comment_id']).where('consultation_id', '=', consultationId).where('band_key', 'in', [...keys]),
);

interface BandInsert {
  consultation_id: number;
  band_key: number;
  comment_id: number;
}

export async function insertBands(trx: Trx, rows: readonly BandInsert[]): Promise<void> {
  // 3 columns × 5,000 rows stays under SQLite's 32,766 bound parameters.
  for (let i = 0; i < rows.length; i += 5_000) {
    await insertBandRows(trx, rows.slice(i, i + 5_000));
  }
}

const insertBandRows = prepared((trx: Trx, rows: readonly BandInsert[]) =>
  trx
    .insertInto('analysis_campaign_bands')
    .values([...rows])
    .onConflict((oc) => oc.columns(['consultation_id', 'band_key', 'comment_id']).doNothing()),
);
