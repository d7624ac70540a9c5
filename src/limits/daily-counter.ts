import { dayOf } from "../analytics/day.js";

/**
 * Counts per key within one day (Japan time), up to `limit`; a new day starts every count afresh. Holds at
 * most `maxKeys` keys: past that the day's counts start over rather than grow (a flood of addresses costs
 * memory, never a refusal for a reader who has done nothing).
 */
export class DailyCounter {
  private day = "";
  private readonly counts = new Map<string, number>();

  constructor(
    readonly limit: number,
    private readonly maxKeys = 100_000,
  ) {}

  /** Counts one for `key`; false when that would pass the day's limit (and then nothing is counted). */
  take(key: string, now = Date.now()): boolean {
    const today = dayOf(now);
    if (today !== this.day || (this.counts.size >= this.maxKeys && !this.counts.has(key))) {
      this.day = today;
      this.counts.clear();
    }
    const count = this.counts.get(key) ?? 0;
    if (count >= this.limit) return false;
    this.counts.set(key, count + 1);
    return true;
  }
}
