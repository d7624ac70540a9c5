/**
 * A bounded least-recently-used cache: Map keeps insertion order, so the first key is the oldest. The bound
 * is on the sum of the entries' weights: one each by default (a count), or what `weigh` says (bytes).
 */
export class LruCache<K, V> {
  private readonly entries = new Map<K, { value: V; weight: number }>();
  private total = 0;

  constructor(
    private readonly capacity: number,
    private readonly weigh: (value: V) => number = () => 1,
  ) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new Error(`LRU capacity must be a positive integer, not ${capacity}`);
  }

  get size(): number {
    return this.entries.size;
  }

  /** The sum of the weights held. */
  get weight(): number {
    return this.total;
  }

  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: K, value: V): void {
    const previous = this.entries.get(key);
    if (previous) {
      this.total -= previous.weight;
      this.entries.delete(key);
    }
    const weight = this.weigh(value);
    this.entries.set(key, { value, weight });
    this.total += weight;
    // The newest entry stays even if it alone is over the bound: it is about to be used.
    while (this.total > this.capacity && this.entries.size > 1) {
      const oldest = this.entries.entries().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value[0]);
      this.total -= oldest.value[1].weight;
    }
  }
}
