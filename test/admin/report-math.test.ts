import { describe, expect, it } from "vitest";
import {
  change,
  parsePeriod,
  percent,
  periodEnding,
  rankingSuspect,
  rate,
  searchFigures,
} from "../../src/admin/report-math.js";

describe("report arithmetic", () => {
  it("takes 7, 30 or 90 days, 30 by default, and nothing else", () => {
    expect([undefined, "", "7", "30", "90"].map(parsePeriod)).toEqual([30, 30, 7, 30, 90]);
    expect(["1", "31", "abc", ["7"]].map(parsePeriod)).toEqual([undefined, undefined, undefined, undefined]);
  });

  it("a period ends today (Japan) and the previous one is just before it, as long", () => {
    const period = periodEnding(7, Date.parse("2026-12-02T03:00:00Z"));
    expect(period).toMatchObject({
      from: "2026-11-26",
      to: "2026-12-02",
      previousFrom: "2026-11-19",
      previousTo: "2026-11-25",
    });
    expect(period.dayList).toEqual([
      "2026-11-26",
      "2026-11-27",
      "2026-11-28",
      "2026-11-29",
      "2026-11-30",
      "2026-12-01",
      "2026-12-02",
    ]);
  });

  it("rates and percentages; nothing to share out is no rate, not 0%", () => {
    expect(rate(1, 4)).toBe(0.25);
    expect(rate(0, 0)).toBeUndefined();
    expect(percent(0.1234)).toBe("12.3%");
    expect(percent(undefined)).toBe("–");
  });

  it("changes: counts in percent, rates in points, with no previous data said so", () => {
    expect(change(150, 100, "count")).toEqual({ text: "+50%", direction: "up" });
    expect(change(50, 100, "count")).toEqual({ text: "−50%", direction: "down" });
    expect(change(0.3, 0.25, "rate")).toEqual({ text: "+5.0 ポイント", direction: "up" });
    expect(change(0.25, 0.25000001, "rate")).toEqual({ text: "±0.0 ポイント", direction: "down" });
    expect(change(5, 0, "count")).toEqual({ text: "前期間 0 件", direction: "up" });
    expect(change(5, undefined, "count")).toEqual({ text: "前期間のデータなし", direction: "none" });
  });

  it("search figures: a bounced search found results and none was opened", () => {
    expect(searchFigures({ searches: 10, noResults: 2, clicks: 5 })).toEqual({
      searches: 10,
      noResultRate: 0.2,
      clickThroughRate: 0.5,
      bouncedRate: 0.3,
    });
    expect(searchFigures({ searches: 0, noResults: 0, clicks: 0 })).toEqual({
      searches: 0,
      noResultRate: undefined,
      clickThroughRate: undefined,
      bouncedRate: undefined,
    });
  });

  it("flags a query whose clicks go mostly to the second result or lower, once there are a few", () => {
    expect(
      rankingSuspect(
        new Map([
          [1, 1],
          [2, 2],
        ]),
      ),
    ).toBe(true);
    expect(
      rankingSuspect(
        new Map([
          [1, 2],
          [3, 2],
        ]),
      ),
    ).toBe(false);
    expect(rankingSuspect(new Map([[2, 2]]))).toBe(false);
  });
});
