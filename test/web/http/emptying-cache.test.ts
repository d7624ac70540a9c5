import { describe, expect, it } from "vitest";
import { EmptyingCache } from "../../../src/web/http/emptying-cache.js";

describe("EmptyingCache", () => {
  it("keeps up to its capacity, then empties before taking a new key", () => {
    const cache = new EmptyingCache<string, number>(3);
    for (const [i, key] of ["a", "b", "c"].entries()) cache.set(key, i);
    expect([cache.get("a"), cache.get("b"), cache.get("c"), cache.size]).toEqual([0, 1, 2, 3]);
    // Replacing a key it holds is not growth: nothing is dropped.
    cache.set("b", 10);
    expect([cache.get("a"), cache.get("b"), cache.size]).toEqual([0, 10, 3]);
    cache.set("d", 3);
    expect([cache.get("a"), cache.get("b"), cache.get("c"), cache.get("d"), cache.size]).toEqual([
      undefined,
      undefined,
      undefined,
      3,
      1,
    ]);
  });

  it("refuses a capacity that is not a positive integer", () => {
    expect(() => new EmptyingCache(0)).toThrow(/positive integer/);
    expect(() => new EmptyingCache(1.5)).toThrow(/positive integer/);
  });
});
