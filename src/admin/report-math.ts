import { dayOf, daysBefore } from "../analytics/day.js";

export const PERIODS = [7, 30, 90] as const;
export type PeriodDays = (typeof PERIODS)[number];

/** `?days=` as the reports take it: 7, 30 or 90, default 30; anything else is refused. */
export function parsePeriod(raw: unknown): PeriodDays | undefined {
  if (raw === undefined || raw === "") return 30;
  return PERIODS.find((days) => String(days) === raw);
}

export interface Period {
  days: number;
  /** First and last day, inclusive. */
  from: string;
  to: string;
  /** The period just before, of the same length. */
  previousFrom: string;
  previousTo: string;
  /** Every day of the period, oldest first, for charts with no gaps. */
  dayList: string[];
}

export function periodEnding(days: number, now: number): Period {
  const to = dayOf(now);
  const from = daysBefore(to, days - 1);
  return {
    days,
    from,
    to,
    previousFrom: daysBefore(from, days),
    previousTo: daysBefore(from, 1),
    dayList: Array.from({ length: days }, (_, i) => daysBefore(to, days - 1 - i)),
  };
}

/** A share as a fraction, undefined when there is nothing to share out. */
export const rate = (part: number, whole: number): number | undefined => (whole > 0 ? part / whole : undefined);

export const percent = (value: number | undefined): string =>
  value === undefined ? "–" : `${(value * 100).toFixed(1)}%`;

/** How a figure moved against the previous period: counts in percent, rates in percentage points. */
export function change(
  current: number | undefined,
  previous: number | undefined,
  kind: "count" | "rate",
): { text: string; direction: "up" | "down" | "same" | "none" } {
  if (current === undefined || previous === undefined) return { text: "前期間のデータなし", direction: "none" };
  const diff = current - previous;
  const direction = diff > 0 ? "up" : diff < 0 ? "down" : "same";
  const sign = diff > 0 ? "+" : diff < 0 ? "−" : "±";
  if (kind === "rate") {
    const points = Math.abs(diff * 100).toFixed(1);
    return { text: `${points === "0.0" ? "±" : sign}${points} ポイント`, direction };
  }
  if (previous === 0) return { text: current === 0 ? "±0" : "前期間 0 件", direction };
  const percentChange = Math.abs((diff / previous) * 100).toFixed(0);
  return { text: `${percentChange === "0" ? "±" : sign}${percentChange}%`, direction };
}

export interface SearchTotals {
  searches: number;
  noResults: number;
  clicks: number;
}

/** The overview's search figures from summed rollups: a bounced search found results and none was opened. */
export function searchFigures(totals: SearchTotals) {
  const bounced = Math.max(0, totals.searches - totals.noResults - totals.clicks);
  return {
    searches: totals.searches,
    noResultRate: rate(totals.noResults, totals.searches),
    clickThroughRate: rate(totals.clicks, totals.searches),
    bouncedRate: rate(bounced, totals.searches),
  };
}

/**
 * A query whose clicks go mostly (more than half) to the second result or lower: the answer people want is
 * not ranked first. Needs a few clicks before it says so.
 */
export function rankingSuspect(clicksByPosition: ReadonlyMap<number, number>, minimumClicks = 3): boolean {
  let total = 0;
  let lower = 0;
  for (const [position, clicks] of clicksByPosition) {
    total += clicks;
    if (position >= 2) lower += clicks;
  }
  return total >= minimumClicks && lower / total > 0.5;
}

export interface ContactTotals {
  /** Answer pages read (views). */
  views: number;
  /** Uses of the contact link. */
  contacts: number;
}

/**
 * The contact figures: the contact rate (contacts ÷ views, lower is better) and the self-service score
 * (views ÷ contacts, Zendesk's ratio with pages read in place of help-center users and contacts in place of
 * ticket requesters; higher is better). Neither exists with nothing to divide by.
 */
export function contactFigures(totals: ContactTotals) {
  return {
    views: totals.views,
    contacts: totals.contacts,
    contactRate: rate(totals.contacts, totals.views),
    selfServiceScore: rate(totals.views, totals.contacts),
  };
}

/** A score as the dashboard writes it: 12.5, with thousands separated; "–" when there is none. */
export const score = (value: number | undefined): string =>
  value === undefined ? "–" : value.toLocaleString("ja-JP", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
