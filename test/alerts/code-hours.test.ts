import { afterAll, describe, expect, it } from "vitest";
import { codeHours } from "../../src/alerts/code-hours.js";
import { AnalyticsStore } from "../../src/analytics/analytics-store.js";
import type { SearchDone } from "../../src/analytics/events.js";
import { bundledSite } from "../helpers/app.js";
import { testDatabases } from "../helpers/databases.js";

const { content } = await bundledSite();
const NOW = Date.parse("2026-12-06T05:30:00Z");
const MINUTE = 60_000;
const DAY = 86_400_000;
let n = 0;
const codeSearch = (time: number, answer = "ae04"): SearchDone => ({
  type: "search",
  time,
  address: `198.51.100.${n++ % 250}`,
  userAgent: "browser",
  query: "ae04",
  results: 1,
  topResult: answer,
  codeMatch: true,
  source: "page",
});

describe.each(testDatabases())("codeHours on $name", (engine) => {
  afterAll(() => engine.cleanup());

  it("counts each code's matched searches and /errors visits in the last hour and the same hour of 7 days", async () => {
    const { db } = await engine.migrated();
    try {
      await new AnalyticsStore(db).write([
        ...Array.from({ length: 12 }, (_, i) => codeSearch(NOW - (i + 1) * 4 * MINUTE)), // 12 in the last hour
        codeSearch(NOW - 61 * MINUTE), // just before it
        { ...codeSearch(NOW - 10 * MINUTE), codeMatch: false }, // not a code match
        { type: "codeVisits", time: NOW - 20 * MINUTE, code: "AE04", count: 9 },
        ...[1, 2, 3].map((days) => codeSearch(NOW - days * DAY - 30 * MINUTE)),
        { type: "codeVisits", time: NOW - 7 * DAY - 30 * MINUTE, code: "AE04", count: 4 },
        codeSearch(NOW - 5 * MINUTE, "ae02"),
      ]);
      const hours = await codeHours(db, content, NOW);
      expect(hours.find((h) => h.code === "AE04")).toEqual({
        code: "AE04",
        lastHour: 21,
        before: [1, 1, 1, 0, 0, 0, 4],
      });
      expect(hours.find((h) => h.code === "AE02")).toEqual({
        code: "AE02",
        lastHour: 1,
        before: [0, 0, 0, 0, 0, 0, 0],
      });
      expect(hours.map((h) => h.code).sort()).toEqual(["AE01", "AE02", "AE03", "AE04", "AE05", "AE06"]);
    } finally {
      await db.destroy();
    }
  });
});
