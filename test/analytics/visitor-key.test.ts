import { describe, expect, it } from "vitest";
import { newSalt, visitorKey } from "../../src/analytics/visitor-key.js";

describe("visitorKey", () => {
  it("is the same for one reader within a day and unrelated across days", () => {
    const today = newSalt();
    const tomorrow = newSalt();
    const key = visitorKey(today, "203.0.113.9", "Mozilla/5.0");
    expect(visitorKey(today, "203.0.113.9", "Mozilla/5.0")).toBe(key);
    expect(visitorKey(tomorrow, "203.0.113.9", "Mozilla/5.0")).not.toBe(key);
    expect(visitorKey(today, "203.0.113.10", "Mozilla/5.0")).not.toBe(key);
    expect(visitorKey(today, "203.0.113.9", "curl/8")).not.toBe(key);
  });

  it("contains neither the address nor the user agent", () => {
    const key = visitorKey(newSalt(), "203.0.113.9", "Mozilla/5.0");
    expect(key).not.toContain("203");
    expect(key).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it("salts are random and long", () => {
    expect(newSalt()).not.toBe(newSalt());
    expect(newSalt().length).toBeGreaterThanOrEqual(43);
  });
});
