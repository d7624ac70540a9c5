import { describe, expect, it } from "vitest";
import { pathOf, queryOf } from "../../../src/web/http/split-url.js";

describe("pathOf and queryOf", () => {
  it.each([
    ["/search?q=AE01", "/search", "q=AE01"],
    ["/search?", "/search", ""],
    ["/questions/ae01", "/questions/ae01", ""],
    ["/a?b?c", "/a", "b?c"],
    [undefined, "/", ""],
  ])("%s → path %s, query %s", (url, path, query) => {
    expect(pathOf(url)).toBe(path);
    expect(queryOf(url)).toBe(query);
  });
});
