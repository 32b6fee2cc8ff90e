// The app's WAL checkpoints, on this worker's own connection (see wal-checkpointer.ts).
import { parentPort, workerData } from 'node:worker_threads';
import SQLite from 'better-sqlite3';

const { file, intervalMs, truncateFrames } = workerData;
const db = new SQLite(file);
// A checkpoint syncs the WAL before copying and the database file after, before the WAL may be reused.
db.pragma('synchronous = NORMAL');
db.pragma('wal_autocheckpoint = 0');
// Never wait for the app's writer: a checkpoint that would is simply tried again on the next tick.
db.pragma('busy_timeout = 0');

const checkpoint = (mode) => db.pragma(`wal_checkpoint(${mode})`)[0];

/** TRUNCATE holds the write lock only while it copies the few frames PASSIVE left, then empties the WAL. */
const truncate = () => checkpoint('TRUNCATE');

/** Runs one checkpoint and tells the app what it found (`undefined`: nothing worth telling). */
function report(run) {
  try {
    const message = run();
    if (message) parentPort.postMessage(message);
  } catch (error) {
    parentPort.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
}

const timer = setInterval(() => report(() => {
  // PASSIVE copies what no reader still needs, beside the app's reads and writes. A WAL that
  // never empties under steady writes is cut back by TRUNCATE, here when the app's writer
  // leaves a gap, or when it asks (`truncate`) before its next transaction.
  const passive = checkpoint('PASSIVE');
  // A WAL emptied here is reported too, so the app does not ask again for what is done.
  const result = passive.log >= truncateFrames ? truncate() : passive;
  return result.log > 0 || result !== passive ? { type: 'checkpointed', ...result } : undefined;
}), intervalMs);

parentPort.on('message', (message) => {
  if (message === 'truncate') return report(() => ({ type: 'truncated', ...truncate() }));
  if (message !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort.close();
});
