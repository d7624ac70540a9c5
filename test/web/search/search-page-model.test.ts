import { describe, expect, it } from "vitest";
import { searchPage } from "../../../src/web/search/search-page-model.js";
import { bundledSite } from "../../helpers/app.js";

describe("searchPage", () => {
  it("writes a large result count as a reader reads it, as the listings do", async () => {
    const { content } = await bundledSite();
    const page = searchPage(content, {
      query: "アカウント",
      total: 1062,
      hits: [],
      featured: undefined,
      featuredBy: undefined,
      suggestion: undefined,
    });
    expect(page.data.total).toBe(1062);
    expect(page.data.totalText).toBe("1,062");
  });
});
