import { describe, expect, it } from "vitest";
import { newSalt, readerKey, VOTES_PER_ADDRESS, voteKey } from "../../src/analytics/visitor-key.js";

describe("readerKey", () => {
  it("is one client's within a day, whatever it says of itself, and unrelated across days", () => {
    const today = newSalt();
    const key = readerKey(today, "203.0.113.9");
    expect(readerKey(today, "203.0.113.9")).toBe(key);
    expect(readerKey(newSalt(), "203.0.113.9")).not.toBe(key);
    expect(readerKey(today, "203.0.113.10")).not.toBe(key);
    expect(readerKey(today, "::ffff:203.0.113.9")).toBe(key);
  });

  it("is one key per IPv6 /64, as the rate limits count", () => {
    const today = newSalt();
    expect(readerKey(today, "2001:db8:1:2::1")).toBe(readerKey(today, "2001:db8:1:2:aaaa::9"));
    expect(readerKey(today, "2001:db8:1:3::1")).not.toBe(readerKey(today, "2001:db8:1:2::1"));
  });

  it("contains neither the address nor anything of it", () => {
    const key = readerKey(newSalt(), "203.0.113.9");
    expect(key).not.toContain("203");
    expect(key).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });
});

describe("voteKey", () => {
  it("gives one address at most a few keys however many User-Agents it sends", () => {
    const today = newSalt();
    const keys = new Set(Array.from({ length: 500 }, (_, i) => voteKey(today, "203.0.113.9", `agent ${i}`)));
    expect(keys.size).toBe(VOTES_PER_ADDRESS);
    expect(voteKey(today, "203.0.113.9", "Mozilla/5.0")).toBe(voteKey(today, "203.0.113.9", "Mozilla/5.0"));
  });

  it("is not the reader key, and salts are random and long", () => {
    const today = newSalt();
    expect(voteKey(today, "203.0.113.9", "x")).not.toBe(readerKey(today, "203.0.113.9"));
    expect(newSalt()).not.toBe(newSalt());
    expect(newSalt().length).toBeGreaterThanOrEqual(43);
  });
});
