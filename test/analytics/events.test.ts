import { IncomingMessage } from "node:http";
import { Socket } from "node:net";
import { describe, expect, it } from "vitest";
import { readerOf } from "../../src/analytics/events.js";

describe("readerOf", () => {
  it("takes the time, the socket address and the user agent, and nothing else", () => {
    const req = new IncomingMessage(new Socket());
    req.headers["user-agent"] = "Mozilla/5.0";
    req.headers.cookie = "secret=1";
    expect(readerOf(req, 42)).toEqual({ time: 42, address: "", userAgent: "Mozilla/5.0" });
  });
});
