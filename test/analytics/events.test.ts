import { IncomingMessage } from "node:http";
import { Socket } from "node:net";
import { describe, expect, it } from "vitest";
import { readerOf } from "../../src/analytics/events.js";

describe("readerOf", () => {
  it("takes the time, the given address and the user agent, and nothing else", () => {
    const req = new IncomingMessage(new Socket());
    req.headers["user-agent"] = "Mozilla/5.0";
    req.headers.cookie = "secret=1";
    expect(readerOf(req, "203.0.113.9", 42)).toEqual({ time: 42, address: "203.0.113.9", userAgent: "Mozilla/5.0" });
  });
});
