import path from 'node:path';
import SQLite from 'better-sqlite3';
import { loadConfig } from '../../server/config';
import type { Benchmark, BenchContext, Measurement } from '../lib/benchmark';
import { sampleCommentBody, sampleCommentHtml } from '../lib/sample-comment';
import { makeTempDataDir } from '../lib/temp-data-dir';

/**
 * The storage floor for comment writes: better-sqlite3 alone, WAL, the app's synchronous setting
 * (SQLITE_SYNCHRONOUS, FULL by default), a table shaped like comments, no HTTP. One row per
 * transaction is what an ungrouped write path pays (one fsync each); 1,000 rows per transaction
 * shows what group commit can reach. Runs in run.ts's process: there is no loader to separate.
 */

const BATCH_ROWS = 1_000;
/** The batched phase writes ~0.5 KB rows at ~100k/s; a few seconds is plenty and keeps the file small. */
const MAX_BATCHED_SECONDS = 3;

export const rawSqliteInserts: Benchmark = {
  name: 'Raw SQLite inserts',
  timeLimitSeconds: (duration) => duration + MAX_BATCHED_SECONDS + 30,
  async run(context) {
    const synchronous = loadConfig(process.env).sqliteSynchronous;
    const db = openCommentsDb(context, synchronous);
    const single = insertRowsFor(db, 1, context.durationSeconds);
    const batched = insertRowsFor(db, BATCH_ROWS, Math.min(context.durationSeconds, MAX_BATCHED_SECONDS));
    return [
      measurement('raw-sqlite-insert', 'Raw SQLite insert, 1 row/txn', single, synchronous),
      measurement('raw-sqlite-insert-batched', `Raw SQLite insert, ${BATCH_ROWS.toLocaleString('en')} rows/txn`, batched, synchronous),
    ];
  },
};

interface InsertRun {
  readonly rows: number;
  readonly seconds: number;
}

function openCommentsDb(context: BenchContext, synchronous: string): SQLite.Database {
  const db = new SQLite(path.join(makeTempDataDir(context, 'raw-sqlite'), 'raw.db'));
  context.defer(() => db.close());
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  db.exec(`CREATE TABLE comments (
    id INTEGER PRIMARY KEY,
    section_id INTEGER NOT NULL,
    author_id INTEGER NOT NULL,
    kind TEXT NOT NULL,
    body TEXT NOT NULL,
    html TEXT NOT NULL,
    created_at TEXT NOT NULL
  )`);
  return db;
}

/** Inserts transactions of `rowsPerTransaction` rows until `seconds` have passed. */
function insertRowsFor(db: SQLite.Database, rowsPerTransaction: number, seconds: number): InsertRun {
  const insert = db.prepare('INSERT INTO comments (section_id, author_id, kind, body, html, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  let rows = 0;
  const insertTransaction = db.transaction(() => {
    for (let i = 0; i < rowsPerTransaction; i++) {
      rows += 1;
      const body = sampleCommentBody(rows);
      insert.run(1, 1 + (rows % 50), 'comment', body, sampleCommentHtml(body), new Date().toISOString());
    }
  });
  const start = performance.now();
  const deadline = start + seconds * 1000;
  while (performance.now() < deadline) insertTransaction();
  return { rows, seconds: (performance.now() - start) / 1000 };
}

function measurement(id: string, label: string, run: InsertRun, synchronous: string): Measurement {
  return {
    id,
    label,
    figures: [{ metric: 'rows/s', value: run.rows / run.seconds }],
    note: `better-sqlite3, WAL, synchronous=${synchronous}, comment-shaped rows; ${run.rows.toLocaleString('en')} rows in ${run.seconds.toFixed(1)} s`,
  };
}
