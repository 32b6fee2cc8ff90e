import { type Kysely, sql } from 'kysely';
import { isPostgres } from './portable';

// The campaign band index (0022) gains 32 rows per response and is only ever read and written by
// its whole primary key. Stored WITHOUT ROWID, a row lives in that key's b-tree alone, so SQLite
// writes one b-tree per row instead of two (the table and its key's index): the largest share of
// a comment's inserts. PostgreSQL keeps every table as a heap beside its key: nothing to change.
const BANDS = 'analysis_campaign_bands';

async function rebuild(db: Kysely<any>, clustered: boolean): Promise<void> {
  if (isPostgres(db)) return;
  await db.schema
    .createTable(`${BANDS}_rebuilt`)
    .addColumn('consultation_id', 'integer', (c) => c.notNull().references('consultations.id'))
    .addColumn('band_key', 'integer', (c) => c.notNull())
    .addColumn('comment_id', 'integer', (c) => c.notNull().references('comments.id'))
    .addPrimaryKeyConstraint(`${BANDS}_pk`, ['consultation_id', 'band_key', 'comment_id'])
    .$call((table) => (clustered ? table.modifyEnd(sql`without rowid`) : table))
    .execute();
  await sql`INSERT INTO ${sql.table(`${BANDS}_rebuilt`)} (consultation_id, band_key, comment_id) SELECT consultation_id, band_key, comment_id FROM ${sql.table(BANDS)}`.execute(db);
  await db.schema.dropTable(BANDS).execute();
  await db.schema.alterTable(`${BANDS}_rebuilt`).renameTo(BANDS).execute();
}

export const up = (db: Kysely<any>) => rebuild(db, true);

export const down = (db: Kysely<any>) => rebuild(db, false);
