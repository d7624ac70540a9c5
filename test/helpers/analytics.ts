import { startAnalytics, type AnalyticsLog, type AnalyticsService } from "../../src/analytics/analytics-service.js";
import type { DatabaseLocation } from "../../src/db/database-url.js";

export interface LogLine {
  level: "info" | "error";
  facts: object;
  message: string;
}

/** A log that keeps its lines for the test to read. */
export function collectingLog(): AnalyticsLog & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  return {
    lines,
    info: (facts, message) => lines.push({ level: "info", facts, message }),
    error: (facts, message) => lines.push({ level: "error", facts, message }),
  };
}

/** Analytics on a database, ready; the queue is flushed by the test (`flush`), not by a timer. */
export async function readyAnalytics(
  location: DatabaseLocation,
  retryMs = 50,
): Promise<AnalyticsService & { log: ReturnType<typeof collectingLog> }> {
  const log = collectingLog();
  const analytics = startAnalytics(location, { retentionDays: 180, log, retryMs, queue: { intervalMs: 60_000 } });
  await analytics.ready;
  return Object.assign(analytics, { log });
}
