import { IncomingMessage } from "node:http";
import { Socket } from "node:net";
import { describe, expect, it, vi } from "vitest";
import { pageSearch, readerOf } from "../../src/analytics/events.js";

describe("readerOf", () => {
  it("takes the time, the given address and the user agent, and nothing else", () => {
    const req = new IncomingMessage(new Socket());
    req.headers["user-agent"] = "Mozilla/5.0";
    req.headers.cookie = "secret=1";
    expect(readerOf(req, "203.0.113.9", 42)).toEqual({ time: 42, address: "203.0.113.9", userAgent: "Mozilla/5.0" });
  });
});

describe("pageSearch", () => {
  it("is a finished search from the results page: the reader, the stored query and what the search found, nothing else", () => {
    vi.useFakeTimers({ now: 1_700_000_000_000 });
    try {
      const req = new IncomingMessage(new Socket());
      req.headers["user-agent"] = "Mozilla/5.0";
      req.headers.cookie = "secret=1";
      expect(pageSearch(req, "203.0.113.9", "ae03", { results: 2, topResult: "ae03", codeMatch: true })).toEqual({
        type: "search",
        time: 1_700_000_000_000,
        address: "203.0.113.9",
        userAgent: "Mozilla/5.0",
        query: "ae03",
        results: 2,
        topResult: "ae03",
        codeMatch: true,
        source: "page",
      });
      const anonymous = new IncomingMessage(new Socket());
      expect(
        pageSearch(anonymous, "203.0.113.9", "x", { results: 0, topResult: null, codeMatch: false }),
      ).toMatchObject({ userAgent: "", results: 0, topResult: null });
    } finally {
      vi.useRealTimers();
    }
  });
});
