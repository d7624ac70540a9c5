import type { Question, ReviewPeriod } from "./types.js";

/** An answer whose review is due: since when (undefined when it was never reviewed nor dated). */
export interface ReviewDue {
  question: Question;
  since: string | undefined;
  /** The date it was due from: its `reviewed`, else its `updated`. */
  lastChecked: string | undefined;
}

/** An ISO day plus a review period, as calendars count it (a month from 31 January is 3 March, as in Date). */
export function addPeriod(day: string, period: ReviewPeriod): string {
  const date = new Date(`${day}T00:00:00Z`);
  if (period.unit === "day") date.setUTCDate(date.getUTCDate() + period.count);
  else if (period.unit === "week") date.setUTCDate(date.getUTCDate() + 7 * period.count);
  else if (period.unit === "month") date.setUTCMonth(date.getUTCMonth() + period.count);
  else date.setUTCFullYear(date.getUTCFullYear() + period.count);
  return date.toISOString().slice(0, 10);
}

/**
 * The answers due for review on `today` (ISO day): each with a `review_every` whose period since its last
 * review (or, never reviewed, its last update) has run out, the longest overdue first.
 */
export function reviewsDue(questions: readonly Question[], today: string): ReviewDue[] {
  const due: ReviewDue[] = [];
  for (const question of questions) {
    if (!question.reviewEvery) continue;
    const lastChecked = question.reviewed ?? question.updated;
    const since = lastChecked === undefined ? undefined : addPeriod(lastChecked, question.reviewEvery);
    if (since === undefined || since <= today) due.push({ question, since, lastChecked });
  }
  return due.sort((a, b) => (a.since ?? "").localeCompare(b.since ?? ""));
}

/** What `npm run check` says about one: the file, since when, and what to write once it is reviewed. */
export function reviewWarning(due: ReviewDue, today: string): string {
  const { question } = due;
  const checked = due.lastChecked ? `last checked ${due.lastChecked}` : "never reviewed";
  const owner = question.owner ? `; owner: ${question.owner}` : "";
  const since = due.since ? `since ${due.since}` : "now";
  return `${question.file}: review due ${since} (${checked}, every ${question.reviewEvery?.text}${owner}). Once reviewed, set "reviewed: ${today}".`;
}
