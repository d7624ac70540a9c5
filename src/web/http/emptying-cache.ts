/**
 * A cache of at most `capacity` entries that empties itself when full, for values cheap to make again on a
 * path where every map operation counts: unlike LruCache, a hit costs one lookup, with no reordering.
 */
export class EmptyingCache<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new Error(`cache capacity must be a positive integer, not ${capacity}`);
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: K): V | undefined {
    return this.entries.get(key);
  }

  set(key: K, value: V): void {
    if (this.entries.size >= this.capacity && !this.entries.has(key)) this.entries.clear();
    this.entries.set(key, value);
  }
}
