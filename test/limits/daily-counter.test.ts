import { describe, expect, it } from "vitest";
import { DailyCounter } from "../../src/limits/daily-counter.js";

const NOON = Date.parse("2026-12-06T03:00:00Z"); // 12:00 in Japan

describe("DailyCounter", () => {
  it("allows `limit` per key and day, then refuses without counting, and starts over the next day", () => {
    const counter = new DailyCounter(2);
    expect([1, 2, 3].map(() => counter.take("203.0.113.9", NOON))).toEqual([true, true, false]);
    expect(counter.take("198.51.100.1", NOON)).toBe(true);
    expect(counter.take("203.0.113.9", NOON + 24 * 3600_000)).toBe(true);
  });

  it("starts over rather than grow past its keys", () => {
    const counter = new DailyCounter(1, 3);
    for (const key of ["a", "b", "c"]) expect(counter.take(key, NOON)).toBe(true);
    expect(counter.take("a", NOON)).toBe(false);
    expect(counter.take("d", NOON)).toBe(true);
    expect(counter.take("a", NOON)).toBe(true);
  });
});
