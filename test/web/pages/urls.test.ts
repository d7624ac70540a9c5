import { describe, expect, it } from "vitest";
import { urls } from "../../../src/web/pages/urls.js";

describe("urls", () => {
  it("builds each URL shape, percent-encoding ids and queries", () => {
    expect(urls.home()).toBe("/");
    expect(urls.category("hp-account")).toBe("/categories/hp-account");
    expect(urls.question("ae01")).toBe("/questions/ae01");
    expect(urls.questionAnchor("access-errors", "ae01")).toBe("/categories/access-errors#ae01");
    expect(urls.search()).toBe("/search");
    expect(urls.search("パスワード 忘れた&x")).toBe(
      "/search?q=%E3%83%91%E3%82%B9%E3%83%AF%E3%83%BC%E3%83%89%20%E5%BF%98%E3%82%8C%E3%81%9F%26x",
    );
    expect(urls.question("a/b")).toBe("/questions/a%2Fb");
  });
});
