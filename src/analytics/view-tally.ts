import { dayOf } from "./day.js";
import type { CodeVisits, ViewsCounted } from "./events.js";

/**
 * Counts summed in memory, per key and time bucket, until the queue takes them: a count costs a map update
 * on the request path, and reaches the store as one sum per key and bucket, never as a row per request.
 */
export class Tally<E> {
  private bucket = "";
  private firstTime = 0;
  private counts = new Map<string, number>();
  /** Sums of buckets that ended before they were taken. */
  private ended: E[] = [];

  constructor(
    private readonly bucketOf: (time: number) => string,
    private readonly make: (key: string, count: number, time: number) => E,
  ) {}

  count(key: string, time = Date.now()): void {
    const bucket = this.bucketOf(time);
    if (bucket !== this.bucket) {
      this.ended.push(...this.sums());
      this.counts = new Map();
      this.bucket = bucket;
      this.firstTime = time;
    }
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  /** Everything counted since the last take, as events (one per key and bucket); the tally starts again. */
  take(): E[] {
    const taken = [...this.ended, ...this.sums()];
    this.ended = [];
    this.counts = new Map();
    return taken;
  }

  private sums(): E[] {
    return [...this.counts].map(([key, count]) => this.make(key, count, this.firstTime));
  }
}

/** Answer views per question and (Japan) day. */
export const viewTally = () =>
  new Tally<ViewsCounted>(dayOf, (question, count, time) => ({ type: "views", time, question, count }));

/** The start of the ten minutes a time falls in, ISO: the unit error-code visits are summed by. */
export function tenMinutesOf(time: number): string {
  return new Date(Math.floor(time / 600_000) * 600_000).toISOString();
}

/** /errors/<code> visits per code and ten minutes, for the spike alerts. */
export const codeVisitTally = () =>
  new Tally<CodeVisits>(tenMinutesOf, (code, count, time) => ({ type: "codeVisits", time, code, count }));
