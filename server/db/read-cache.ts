import { LruCache } from '../platform/lru-cache';
import { changeToken, type Db } from './database';

interface Entry<V> {
  token: string;
  value: Promise<V>;
  /** The value once read (a lagging entry is judged by what it holds). */
  settled?: V;
  /** `performance.now()` when the read began. */
  readAt: number;
}

/** Per database: how long a lagging cache may serve a result after a write (see `ReadCache`). */
const maxLagMs = new WeakMap<Db, number>();

/** Lets the caches made with `mayLag` trail this database's writes by up to `ms` (0: never). */
export function setReadCacheLag(db: Db, ms: number): void {
  maxLagMs.set(db, ms);
}

/**
 * Results of a read that depends only on what is stored (and its key), kept until the database
 * changes: a hit is served only while `changeToken` is what it was when the read began, so it is
 * exactly what the read would return now. Any write anywhere invalidates everything — coarse, but
 * it cannot miss a dependency, and reads vastly outnumber writes on a consultation's pages.
 * Concurrent misses share one read. Callers must not mutate what they get back.
 *
 * `mayLag`: for pages that carry the log position they were read at (`liveSeq`), which a live
 * client catches up from. While writes land faster than the lag setting, such a page is read
 * again at most once per that many milliseconds and the readers in between share the last read;
 * otherwise every read after a write was a miss, and a hot page read afresh per request cost
 * several times a hit. A result older than the lag is never served after a write, nor one the
 * caller's `mayLag` refuses (a section's comments may not be older than the position their
 * reader's live channel starts from).
 */
export class ReadCache<V> {
  /** Per database: tokens of two databases (two apps in one test process) can coincide. */
  private readonly caches = new WeakMap<Db, LruCache<string, Entry<V>>>();

  constructor(private readonly capacity: number) {}

  /** `mayLag`: whether a result read before the last write may still be served (see above); by default never. */
  get(db: Db, key: string, read: () => Promise<V>, mayLag?: (value: V) => boolean): Promise<V> {
    // Taken before reading: a write that lands meanwhile changes the token, so a result that
    // includes it is filed under the old token and never served after it.
    const token = changeToken(db);
    if (token === undefined) return read();
    let entries = this.caches.get(db);
    if (!entries) this.caches.set(db, (entries = new LruCache(this.capacity)));
    const cached = entries.get(key);
    const now = performance.now();
    if (cached && (cached.token === token || lagAllowed(db, cached, now, mayLag))) return cached.value;
    const value = read();
    const entry: Entry<V> = { token, value, readAt: now };
    entries.set(key, entry);
    if (mayLag) void value.then((settled) => (entry.settled = settled), () => undefined);
    // A failed read (not found, or the database busy) is not remembered.
    value.catch(() => {
      if (entries.get(key) === entry) entries.delete(key);
    });
    return value;
  }
}

function lagAllowed<V>(db: Db, cached: Entry<V>, now: number, mayLag: ((value: V) => boolean) | undefined): boolean {
  if (!mayLag || now - cached.readAt >= (maxLagMs.get(db) ?? 0)) return false;
  return cached.settled !== undefined && mayLag(cached.settled);
}
