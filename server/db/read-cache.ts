import { LruCache } from '../platform/lru-cache';
import { changeToken, type Db } from './database';

/**
 * Results of a read that depends only on what is stored (and its key), kept until the database
 * changes: a hit is served only while `changeToken` is what it was when the read began, so it is
 * exactly what the read would return now. Any write anywhere invalidates everything — coarse, but
 * it cannot miss a dependency, and reads vastly outnumber writes on a consultation's pages.
 * Concurrent misses share one read. Callers must not mutate what they get back.
 */
export class ReadCache<V> {
  /** Per database: tokens of two databases (two apps in one test process) can coincide. */
  private readonly caches = new WeakMap<Db, LruCache<string, { token: string; value: Promise<V> }>>();

  constructor(private readonly capacity: number) {}

  get(db: Db, key: string, read: () => Promise<V>): Promise<V> {
    // Taken before reading: a write that lands meanwhile changes the token, so a result that
    // includes it is filed under the old token and never served after it.
    const token = changeToken(db);
    if (token === undefined) return read();
    let entries = this.caches.get(db);
    if (!entries) this.caches.set(db, (entries = new LruCache(this.capacity)));
    const cached = entries.get(key);
    if (cached?.token === token) return cached.value;
    const value = read();
    const entry = { token, value };
    entries.set(key, entry);
    // A failed read (not found, or the database busy) is not remembered.
    value.catch(() => {
      if (entries.get(key) === entry) entries.delete(key);
    });
    return value;
  }
}
