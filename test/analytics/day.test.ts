import { describe, expect, it } from "vitest";
import { dayOf, daysBefore } from "../../src/analytics/day.js";

describe("dayOf", () => {
  it("is the calendar day in Japan", () => {
    expect(dayOf(Date.parse("2026-12-01T14:59:59Z"))).toBe("2026-12-01");
    expect(dayOf(Date.parse("2026-12-01T15:00:00Z"))).toBe("2026-12-02");
  });
});

describe("daysBefore", () => {
  it("counts whole days across months and years", () => {
    expect(daysBefore("2026-03-01", 1)).toBe("2026-02-28");
    expect(daysBefore("2027-01-01", 180)).toBe("2026-07-05");
    expect(daysBefore("2026-12-01", -1)).toBe("2026-12-02");
  });
});
