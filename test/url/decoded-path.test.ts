import { describe, expect, it } from "vitest";
import { decodedPath } from "../../src/url/decoded-path.js";

describe("decodedPath", () => {
  it("decodes valid escapes, UTF-8 included", () => {
    expect(decodedPath("/questions/ae01")).toBe("/questions/ae01");
    expect(decodedPath("/search/%E3%83%91%E3%82%B9")).toBe("/search/パス");
  });

  it.each(["/questions/%E0", "/x/%", "%zz", "/%E3%83"])("is undefined for the malformed %s", (path) => {
    expect(decodedPath(path)).toBeUndefined();
  });
});
