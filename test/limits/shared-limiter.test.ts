import { describe, expect, it } from "vitest";
import { MemoryHub } from "../../src/limits/memory-hub.js";
import { SharedLimiter, sharedLimits, type RateHub } from "../../src/limits/shared-limiter.js";

const T = 1_800_000_000_000; // the start of a minute
const allowed = (limiter: SharedLimiter, key: string, times: number, now = T + 1_000) => {
  let n = 0;
  for (let i = 0; i < times; i++) if (limiter.hit(key, now).allowed) n++;
  return n;
};

describe("SharedLimiter", () => {
  it("two processes on one hub share one budget per client, learning the others' counts at each exchange", async () => {
    const hub = new MemoryHub();
    const a = new SharedLimiter("search", 10, hub);
    const b = new SharedLimiter("search", 10, hub);
    expect(allowed(a, "203.0.113.1", 6)).toBe(6);
    await a.exchange(T + 1_000);
    // B has not heard of A's 6 yet: its first hit passes, and its exchange tells it.
    expect(allowed(b, "203.0.113.1", 1)).toBe(1);
    await b.exchange(T + 1_000);
    expect(allowed(b, "203.0.113.1", 10)).toBe(3);
    await b.exchange(T + 1_000);
    // A last heard 6: one more hit passes before its exchange (the overshoot is one interval's hits), none after.
    expect(allowed(a, "203.0.113.1", 1)).toBe(1);
    await a.exchange(T + 1_000);
    expect(allowed(a, "203.0.113.1", 5)).toBe(0);
    // Another client has its own budget.
    expect(allowed(a, "203.0.113.2", 10)).toBe(10);
  });

  it("refuses with the seconds left in the window, and starts afresh in the next", async () => {
    const limiter = new SharedLimiter("votes", 1, new MemoryHub());
    expect(limiter.hit("k", T + 45_000)).toEqual({ allowed: true });
    expect(limiter.hit("k", T + 45_000)).toEqual({ allowed: false, retryAfterSeconds: 15 });
    expect(limiter.hit("k", T + 60_000)).toEqual({ allowed: true });
  });

  it("counts alone while the hub cannot answer: the per-process limit still holds", async () => {
    const down: RateHub = { exchange: () => Promise.reject(new Error("connection refused")) };
    const limiter = new SharedLimiter("search", 5, down);
    expect(allowed(limiter, "k", 3)).toBe(3);
    await limiter.exchange(T + 1_000);
    expect(allowed(limiter, "k", 5)).toBe(2);
  });

  it("past half its limit, a client's hits are exchanged at once, and counted while the answer is awaited", async () => {
    const answers: Array<(totals: Map<string, number>) => void> = [];
    const slow: RateHub = { exchange: () => new Promise((resolve) => answers.push(resolve)) };
    const limiter = new SharedLimiter("search", 10, slow);
    expect(allowed(limiter, "k", 5)).toBe(5);
    expect(answers).toHaveLength(0);
    expect(allowed(limiter, "k", 1)).toBe(1);
    expect(answers).toHaveLength(1);
    // Those six are in flight and still count; one exchange at a time.
    expect(allowed(limiter, "k", 2)).toBe(2);
    expect(answers).toHaveLength(1);
    // The hub says another process has counted 1 more: 7 in all, plus our 2 unsent.
    answers[0]?.(new Map([["k", 7]]));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(allowed(limiter, "k", 5)).toBe(1);
  });

  it("refused requests are not counted, so a flood past the limit sends the hub nothing", async () => {
    let exchanged = 0;
    const hub = new MemoryHub();
    const counting: RateHub = {
      exchange: (...args) => {
        exchanged++;
        return hub.exchange(...args);
      },
    };
    const limiter = new SharedLimiter("search", 4, counting);
    expect(allowed(limiter, "k", 1_000)).toBe(4);
    await limiter.exchange(T + 1_000);
    const before = exchanged;
    expect(allowed(limiter, "k", 1_000)).toBe(0);
    await limiter.exchange(T + 1_000);
    expect(exchanged).toBe(before);
  });

  it("sharedLimits makes no limiter for 0, and exchanges by itself", async () => {
    const hub = new MemoryHub();
    const limits = sharedLimits(hub, 10);
    try {
      expect(limits.limiter("search", 0)).toBeUndefined();
      const limiter = limits.limiter("search", 100);
      limiter?.hit("k");
      limiter?.hit("k");
      await new Promise((resolve) => setTimeout(resolve, 50));
      const now = Date.now();
      expect(hub.add("search", now - (now % 60_000), [["k", 0]]).get("k")).toBe(2);
    } finally {
      limits.stop();
    }
  });
});

describe("sharedLimits", () => {
  it("tells of a failing hub once, not at every exchange", async () => {
    const heard: unknown[] = [];
    const limits = sharedLimits({ exchange: () => Promise.reject(new Error("connection refused")) }, 5, (error) =>
      heard.push(error),
    );
    try {
      const limiter = limits.limiter("search", 1_000);
      for (let i = 0; i < 5; i++) {
        limiter?.hit("k");
        await new Promise((resolve) => setTimeout(resolve, 15));
      }
      expect(heard).toHaveLength(1);
      expect(String(heard[0])).toContain("connection refused");
    } finally {
      limits.stop();
    }
  });
});

describe("MemoryHub", () => {
  it("adds hits per limit and window, and ignores hits for a window already over", () => {
    const hub = new MemoryHub();
    expect(hub.add("search", T, [["k", 2]]).get("k")).toBe(2);
    expect(hub.add("votes", T, [["k", 1]]).get("k")).toBe(1);
    expect(hub.add("search", T + 60_000, [["k", 1]]).get("k")).toBe(1);
    expect(hub.add("search", T, [["k", 5]]).get("k")).toBeUndefined();
  });
});
