import { describe, expect, it } from "vitest";
import { clientKey, RateLimiter } from "../../src/limits/rate-limit.js";

describe("RateLimiter", () => {
  it("allows `limit` hits per window for one key, then refuses with the seconds left in the window", () => {
    const limiter = new RateLimiter(3, 60_000);
    const start = 1_800_000_000_000;
    for (let i = 0; i < 3; i++) expect(limiter.hit("a", start + i)).toEqual({ allowed: true });
    expect(limiter.hit("a", start + 10_000)).toEqual({ allowed: false, retryAfterSeconds: 50 });
    // Another client has its own budget.
    expect(limiter.hit("b", start + 10_000)).toEqual({ allowed: true });
  });

  it("starts a fresh budget in the next window", () => {
    const limiter = new RateLimiter(1, 60_000);
    const start = 1_800_000_000_000;
    expect(limiter.hit("a", start).allowed).toBe(true);
    expect(limiter.hit("a", start + 1).allowed).toBe(false);
    expect(limiter.hit("a", start + 60_000).allowed).toBe(true);
  });

  it.each([0, -1, 1.5, Number.NaN])("refuses a limit of %s", (limit) => {
    expect(() => new RateLimiter(limit)).toThrow("positive whole number");
  });
});

describe("clientKey", () => {
  it.each([
    ["203.0.113.9", "203.0.113.9"],
    ["::ffff:203.0.113.9", "203.0.113.9"],
    ["2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"],
    ["2001:db8:1:2::9", "2001:db8:1:2::/64"],
    ["2001:DB8::1", "2001:db8:0:0::/64"],
    [undefined, "unknown"],
  ])("%s → %s", (address, key) => {
    expect(clientKey(address)).toBe(key);
  });
});
