/**
 * A small cache that keeps what was used lately, at most `capacity` entries: two generations of
 * half the capacity each. New entries go into the young one; a hit in the old one moves up; when
 * the young one fills, it becomes the old one and the old one is dropped. An entry stays while it
 * is used at least once per `capacity / 2` insertions. A hit costs one or two Map look-ups: moving
 * every hit to the end of one Map (delete and set) was 2% of a comment write's CPU, in the
 * statement and query caches that every query passes through.
 */
export class LruCache<K, V> {
  private young = new Map<K, V>();
  private old = new Map<K, V>();
  private readonly generationSize: number;

  constructor(capacity: number) {
    this.generationSize = Math.max(1, Math.floor(capacity / 2));
  }

  get(key: K): V | undefined {
    const value = this.young.get(key);
    if (value !== undefined) return value;
    const older = this.old.get(key);
    if (older !== undefined) {
      this.old.delete(key);
      this.set(key, older);
    }
    return older;
  }

  set(key: K, value: V): void {
    this.old.delete(key);
    if (!this.young.has(key) && this.young.size >= this.generationSize) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(key, value);
  }

  delete(key: K): void {
    this.young.delete(key);
    this.old.delete(key);
  }

  /** The cached value, or `create()`'s result cached for next time. */
  getOrCreate(key: K, create: () => V): V {
    const cached = this.get(key);
    if (cached !== undefined) return cached;
    const value = create();
    this.set(key, value);
    return value;
  }
}
