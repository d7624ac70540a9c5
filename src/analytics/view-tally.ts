import { dayOf } from "./day.js";
import type { ViewsCounted } from "./events.js";

/**
 * Answer views summed in memory, per question and day, until the queue takes them: a view costs a map
 * update on the request path, and reaches the store as one sum per question, never as a row per view.
 */
export class ViewTally {
  private day = "";
  private firstTime = 0;
  private counts = new Map<string, number>();
  /** Sums of days that ended before they were taken. */
  private ended: ViewsCounted[] = [];

  count(question: string, time = Date.now()): void {
    const day = dayOf(time);
    if (day !== this.day) {
      this.ended.push(...this.sums());
      this.counts = new Map();
      this.day = day;
      this.firstTime = time;
    }
    this.counts.set(question, (this.counts.get(question) ?? 0) + 1);
  }

  /** Everything counted since the last take, as events (one per question and day); the tally starts again. */
  take(): ViewsCounted[] {
    const taken = [...this.ended, ...this.sums()];
    this.ended = [];
    this.counts = new Map();
    return taken;
  }

  private sums(): ViewsCounted[] {
    return [...this.counts].map(([question, count]) => ({ type: "views", time: this.firstTime, question, count }));
  }
}
