/**
 * What one reader may add to the report rollups in a day: each query once (so a query's count is how many
 * readers searched it that day, and one reader repeating it is one), and at most `queriesPerReader` distinct
 * queries (so one client typing junk cannot grow the rollups and slow the reports). The raw search rows are
 * kept all the same; only the sums the dashboard reads are bounded.
 *
 * Held in the writer's memory: at most `maxEntries` pairs, emptied at the next day or when full (then a
 * repeated search may count once more; nothing is lost). A writer that restarts starts the day's count anew.
 */
export class RollupGate {
  private day = "";
  private readonly seen = new Set<string>();
  private readonly queriesOf = new Map<string, number>();

  constructor(
    readonly queriesPerReader = 100,
    private readonly maxEntries = 500_000,
  ) {}

  /**
   * Whether this reader's search for this query counts in the day's rollups: a function that takes the
   * admission back (the batch it was in was not written), or undefined when it does not count.
   */
  admit(day: string, reader: string, query: string): (() => void) | undefined {
    if (day !== this.day || this.seen.size >= this.maxEntries) this.reset(day);
    const pair = `${reader}\u0000${query}`;
    if (this.seen.has(pair)) return undefined;
    const queries = this.queriesOf.get(reader) ?? 0;
    if (queries >= this.queriesPerReader) return undefined;
    this.seen.add(pair);
    this.queriesOf.set(reader, queries + 1);
    return () => {
      if (!this.seen.delete(pair)) return;
      this.queriesOf.set(reader, (this.queriesOf.get(reader) ?? 1) - 1);
    };
  }

  /** Whether this reader's click on this answer from this query counts (once a day, as the search does). */
  admitClick(day: string, reader: string, query: string, question: string): (() => void) | undefined {
    if (day !== this.day || this.seen.size >= this.maxEntries) this.reset(day);
    const key = `${reader}\u0000${query}\u0000${question}\u0000click`;
    if (this.seen.has(key)) return undefined;
    this.seen.add(key);
    return () => void this.seen.delete(key);
  }

  private reset(day: string): void {
    this.day = day;
    this.seen.clear();
    this.queriesOf.clear();
  }
}
