import type { RateHub } from "./shared-limiter.js";

/** The counts of one window per limit, in memory: the cluster's primary holds one for its workers. */
export class MemoryHub implements RateHub {
  private windows = new Map<string, { start: number; counts: Map<string, number> }>();

  /** Adds the hits and returns the totals for their keys. Hits for a window already over count for nothing. */
  add(name: string, windowStart: number, hits: Iterable<readonly [string, number]>): Map<string, number> {
    let window = this.windows.get(name);
    if (!window || window.start < windowStart)
      this.windows.set(name, (window = { start: windowStart, counts: new Map() }));
    const totals = new Map<string, number>();
    for (const [key, count] of hits) {
      if (window.start !== windowStart) continue;
      const total = (window.counts.get(key) ?? 0) + count;
      window.counts.set(key, total);
      totals.set(key, total);
    }
    return totals;
  }

  exchange(name: string, windowStart: number, hits: ReadonlyMap<string, number>): Promise<Map<string, number>> {
    return Promise.resolve(this.add(name, windowStart, hits));
  }
}
