/**
 * What one reader may add to the report rollups in a day: each query once (so a query's count is how many
 * readers searched it that day, and one reader repeating it is one), and at most `queriesPerReader` distinct
 * queries (so one client typing junk cannot grow the rollups and slow the reports). The raw search rows are
 * kept all the same; only the sums the dashboard reads are bounded.
 *
 * Held in the writer's memory: at most `maxEntries` entries, emptied at the next day or when full (then a
 * repeated search may count once more; nothing is lost). A writer that restarts starts the day's count anew.
 * Kept by reader, then query, with no key joined per event: the writer's strings are shared across a batch,
 * so each lookup reuses a hash already computed.
 */
export class RollupGate {
  private day = "";
  private entries = 0;
  private readonly queries = new Map<string, Set<string>>();
  private readonly clicks = new Map<string, Set<string>>();

  constructor(
    readonly queriesPerReader = 100,
    private readonly maxEntries = 500_000,
  ) {}

  /**
   * Whether this reader's search for this query counts in the day's rollups: a function that takes the
   * admission back (the batch it was in was not written), or undefined when it does not count.
   */
  admit(day: string, reader: string, query: string): (() => void) | undefined {
    return this.add(this.queries, day, reader, query, this.queriesPerReader);
  }

  /** Whether this reader's click on this answer from this query counts (once a day, as the search does). */
  admitClick(day: string, reader: string, query: string, question: string): (() => void) | undefined {
    return this.add(this.clicks, day, reader, `${query}\u0000${question}`, Number.POSITIVE_INFINITY);
  }

  private add(
    into: Map<string, Set<string>>,
    day: string,
    reader: string,
    item: string,
    most: number,
  ): (() => void) | undefined {
    if (day !== this.day || this.entries >= this.maxEntries) this.reset(day);
    let seen = into.get(reader);
    if (seen === undefined) into.set(reader, (seen = new Set()));
    if (seen.has(item) || seen.size >= most) return undefined;
    seen.add(item);
    this.entries++;
    const admitted = seen;
    return () => {
      if (admitted.delete(item)) this.entries--;
    };
  }

  private reset(day: string): void {
    this.day = day;
    this.entries = 0;
    this.queries.clear();
    this.clicks.clear();
  }
}
