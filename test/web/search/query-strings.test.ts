import { describe, expect, it } from "vitest";
import { queryRecord, rememberedQueryStrings } from "../../../src/web/search/query-strings.js";
import { parseSearchRequest } from "../../../src/web/search/search-request.js";

describe("queryRecord", () => {
  it("gives one value as a string and a repeated one as a list, decoded", () => {
    expect({ ...queryRecord("q=AE01+%E3%82%A8%E3%83%A9%E3%83%BC&limit=2&q=x") }).toEqual({
      q: ["AE01 エラー", "x"],
      limit: "2",
    });
  });
});

describe("rememberedQueryStrings", () => {
  const api = () => rememberedQueryStrings<never>("api", (query) => parseSearchRequest(query));

  it("answers a query string asked again exactly as the first time, refusals included", () => {
    const routes = api();
    for (let time = 0; time < 2; time++) {
      expect(routes.parse("q=%20AE01%20&limit=3")).toEqual({
        ok: true,
        value: { q: "AE01", limit: 3, key: "api\u00003\u0000AE01" },
      });
      expect(routes.parse("q=AE01&limit=0")).toMatchObject({
        ok: false,
        error: expect.stringContaining("limit must be"),
      });
    }
  });

  it("keys each route's responses apart, and one query spelled two ways alike", () => {
    const page = rememberedQueryStrings<undefined>("page", (query) =>
      query.q === undefined || query.q === "" ? undefined : parseSearchRequest({ q: query.q }),
    );
    const apiKey = api().parse("q=a+b");
    const pageKey = page.parse("q=a%20b&limit=3");
    expect(apiKey.ok && pageKey?.ok && [apiKey.value.key, pageKey.value.key]).toEqual([
      "api\u000010\u0000a b",
      "page\u000010\u0000a b",
    ]);
    expect(page.parse("q=")).toBeUndefined();
  });

  it("keeps answering right past the number it remembers and for query strings too long to remember", () => {
    const routes = api();
    for (let i = 0; i < 2500; i++) expect(routes.parse(`q=${i}`)).toMatchObject({ value: { q: String(i) } });
    const long = `q=${"%F0%A0%AE%B7".repeat(200)}&pad=${"x".repeat(2000)}`;
    expect(long.length).toBeGreaterThan(4096);
    for (let time = 0; time < 2; time++)
      expect(routes.parse(long)).toMatchObject({ ok: true, value: { q: "𠮷".repeat(200) } });
  });
});
