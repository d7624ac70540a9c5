import { describe, expect, it } from "vitest";
import { splitUrl } from "../../../src/web/http/split-url.js";

describe("splitUrl", () => {
  it.each([
    ["/search?q=AE01", "/search", "q=AE01"],
    ["/search?", "/search", ""],
    ["/questions/ae01", "/questions/ae01", ""],
    ["/a?b?c", "/a", "b?c"],
    [undefined, "/", ""],
  ])("%s → path %s, query %s", (url, path, query) => {
    expect(splitUrl(url)).toEqual({ path, query });
  });
});
