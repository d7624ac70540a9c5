import { describe, expect, it } from "vitest";
import { parseSearchRequest } from "../../../src/web/search/search-request.js";

describe("parseSearchRequest", () => {
  it("accepts a query, trimmed, with the default limit of 10", () => {
    expect(parseSearchRequest({ q: "  AE01 " })).toEqual({ ok: true, value: { q: "AE01", limit: 10 } });
  });

  it.each(["1", "10", "50"])("accepts limit=%s", (limit) => {
    expect(parseSearchRequest({ q: "x", limit })).toEqual({ ok: true, value: { q: "x", limit: Number(limit) } });
  });

  it.each([
    [{}, "q is required"],
    [{ q: "" }, "q must not be empty"],
    [{ q: "   " }, "q must not be empty"],
    [{ q: ["a", "b"] }, "q must be given once"],
    [{ q: { x: "1" } }, "q must be given once"],
    [{ q: "あ".repeat(201) }, "at most 200 characters"],
    [{ q: "x", limit: "0" }, "limit must be a whole number from 1 to 50"],
    [{ q: "x", limit: "51" }, "limit must be a whole number from 1 to 50"],
    [{ q: "x", limit: "2.5" }, "limit must be a whole number from 1 to 50"],
    [{ q: "x", limit: "ten" }, "limit must be a whole number from 1 to 50"],
    [{ q: "x", limit: ["1", "2"] }, "limit must be a whole number from 1 to 50"],
    [{ q: "x", limit: "-1" }, "limit must be a whole number from 1 to 50"],
  ])("refuses %j", (query, error) => {
    const parsed = parseSearchRequest(query);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain(error);
  });

  it("counts characters, not UTF-16 units, against the 200 limit", () => {
    expect(parseSearchRequest({ q: "𠮷".repeat(200) }).ok).toBe(true);
  });
});
