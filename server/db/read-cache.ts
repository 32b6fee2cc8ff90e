import { LruCache } from '../platform/lru-cache';
import { changeToken, type Db } from './database';

interface Entry<V> {
  token: string;
  value: Promise<V>;
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
 * several times a hit. A result older than the lag is never served after a write. (A page read
 * after such a page, like a section's comments, must stay exact: it may not be older than the
 * position its reader subscribed from.)
 */
export class ReadCache<V> {
  /** Per database: tokens of two databases (two apps in one test process) can coincide. */
  private readonly caches = new WeakMap<Db, LruCache<string, Entry<V>>>();

  constructor(
    private readonly capacity: number,
    private readonly options: { mayLag?: boolean } = {},
  ) {}

  get(db: Db, key: string, read: () => Promise<V>): Promise<V> {
    // Taken before reading: a write that lands meanwhile changes the token, so a result that
    // includes it is filed under the old token and never served after it.
    const token = changeToken(db);
    if (token === undefined) return read();
    let entries = this.caches.get(db);
    if (!entries) this.caches.set(db, (entries = new LruCache(this.capacity)));
    const cached = entries.get(key);
    const now = performance.now();
    if (cached && (cached.token === token || this.lagAllowed(db, cached, now))) return cached.value;
    const value = read();
    const entry: Entry<V> = { token, value, readAt: now };
    entries.set(key, entry);
    // A failed read (not found, or the database busy) is not remembered.
    value.catch(() => {
      if (entries.get(key) === entry) entries.delete(key);
    });
    return value;
  }

  private lagAllowed(db: Db, cached: Entry<V>, now: number): boolean {
    return this.options.mayLag === true && now - cached.readAt < (maxLagMs.get(db) ?? 0);
  }
}
