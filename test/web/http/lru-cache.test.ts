import { describe, expect, it } from "vitest";
import { LruCache } from "../../../src/web/http/lru-cache.js";

describe("LruCache", () => {
  it("keeps at most its capacity, dropping the least recently used", () => {
    const cache = new LruCache<string, number>(2);
    cache.set("a", 1);
    cache.set("b", 2);
    expect(cache.get("a")).toBe(1); // a is now the most recent
    cache.set("c", 3);
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")).toBe(1);
    expect(cache.get("c")).toBe(3);
    expect(cache.size).toBe(2);
  });

  it("replaces a value without growing", () => {
    const cache = new LruCache<string, number>(2);
    cache.set("a", 1);
    cache.set("a", 2);
    expect(cache.size).toBe(1);
    expect(cache.get("a")).toBe(2);
  });

  it("refuses a capacity below one", () => {
    expect(() => new LruCache(0)).toThrow("positive integer");
  });
});

describe("LruCache bounded in bytes", () => {
  it("drops the least recently used until the weights fit, keeping the newest even when it alone is over", () => {
    const cache = new LruCache<string, Buffer>(100, (value) => value.length);
    cache.set("a", Buffer.alloc(40));
    cache.set("b", Buffer.alloc(40));
    cache.get("a");
    cache.set("c", Buffer.alloc(40));
    expect(cache.get("b")).toBeUndefined();
    expect(cache.weight).toBe(80);
    cache.set("big", Buffer.alloc(500));
    expect(cache.size).toBe(1);
    expect(cache.weight).toBe(500);
    cache.set("big", Buffer.alloc(10));
    expect(cache.weight).toBe(10);
  });
});
