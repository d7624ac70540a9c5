import { describe, expect, it } from "vitest";
import { dayOf, daysBefore } from "../../src/analytics/day.js";

describe("dayOf", () => {
  it("is the calendar day in Japan", () => {
    expect(dayOf(Date.parse("2026-12-01T14:59:59Z"))).toBe("2026-12-01");
    expect(dayOf(Date.parse("2026-12-01T15:00:00Z"))).toBe("2026-12-02");
  });

  it("gives each time its own day when times from several days come in any order", () => {
    const times = [
      "2026-12-01T14:59:59.999Z",
      "2026-12-01T15:00:00Z",
      "2026-11-30T15:00:00Z",
      "2026-12-02T14:59:59Z",
      "2026-12-01T00:00:00Z",
      "2026-12-02T15:00:00Z",
    ];
    expect(times.map((time) => dayOf(Date.parse(time)))).toEqual([
      "2026-12-01",
      "2026-12-02",
      "2026-12-01",
      "2026-12-02",
      "2026-12-01",
      "2026-12-03",
    ]);
  });
});

describe("daysBefore", () => {
  it("counts whole days across months and years", () => {
    expect(daysBefore("2026-03-01", 1)).toBe("2026-02-28");
    expect(daysBefore("2027-01-01", 180)).toBe("2026-07-05");
    expect(daysBefore("2026-12-01", -1)).toBe("2026-12-02");
  });
});
