import { describe, expect, it } from "vitest";
import {
  categoryPage,
  errorCodeQuestions,
  homePage,
  leadSentence,
  pagination,
  questionPage,
  summarise,
} from "../../../src/web/pages/page-models.js";
import { bundledSite } from "../../helpers/app.js";

describe("summarise", () => {
  it("keeps a short text whole, on one line", () => {
    expect(summarise("一行目\n二行目。")).toBe("一行目 二行目。");
  });

  it("cuts a long text at the last sentence end inside the limit", () => {
    const text = `${"あ".repeat(70)}。${"い".repeat(70)}。`;
    expect(summarise(text)).toBe(`${"あ".repeat(70)}。`);
  });

  it("cuts with an ellipsis where no sentence ends late enough", () => {
    expect(summarise("う".repeat(200))).toBe(`${"う".repeat(120)}…`);
  });
});

describe("page models", () => {
  it("the home page lists every category with its questions and the error-code shortcuts", async () => {
    const { content } = await bundledSite();
    const home = homePage(content);
    expect(home.template).toBe("home");
    expect(home.data.categories.flatMap((c) => c.questions).length).toBe(content.questions.length);
    expect(home.data.errorCodes.map((e) => e.codeLabel)).toEqual(["AE01", "AE02", "AE03", "AE04", "AE05", "AE06"]);
    // Each tile says its code's cause in the answer's own words, not the title every code shares.
    expect(home.data.errorCodes.find((e) => e.codeLabel === "AE04")?.cause).toBe(
      "ご登録頂きました HP Advantageplus の登録情報がまだ有効になっていません。",
    );
    expect(new Set(home.data.errorCodes.map((e) => e.cause)).size).toBe(6);
    expect(errorCodeQuestions(content).every((e) => e.url.startsWith("/questions/"))).toBe(true);
  });

  it("a question page links its neighbours in the category and its related questions", async () => {
    const { content } = await bundledSite();
    const question = content.questionById.get("ae03");
    if (!question) throw new Error("ae03 is in the bundled content");
    const page = questionPage(content, question);
    expect(page.data.previous?.id).toBe("ae02");
    expect(page.data.next?.id).toBe("ae04");
    expect(page.data.anchorUrl).toBe(`/categories/${question.category}#ae03`);
    expect(page.breadcrumb.map((c) => c.label)).toEqual(["ホーム", page.data.category.title, question.title]);
  });

  it("a category page carries each answer with its anchor URL", async () => {
    const { content } = await bundledSite();
    const category = content.categories[0];
    if (!category) throw new Error("a category is in the bundled content");
    const page = categoryPage(content, category);
    for (const q of page.data.questions) expect(q.anchorUrl).toBe(`/categories/${category.id}#${q.id}`);
    expect(page.data.questions.length).toBeGreaterThan(0);
  });
});

describe("pagination", () => {
  it("links the first, the last and two either side of the current page, with gaps between", () => {
    const paged = pagination("access-errors", 6, 250);
    expect(paged).toMatchObject({
      current: 6,
      total: 10,
      from: 126,
      to: 150,
      count: 250,
      countText: "250",
      previous: "/categories/access-errors/page/5",
      next: "/categories/access-errors/page/7",
    });
    expect(
      paged?.pages.map((page) => (page.gap ? "…" : page.current ? `[${page.number}]` : String(page.number))),
    ).toEqual(["1", "…", "4", "5", "[6]", "7", "8", "…", "10"]);
    expect(pagination("access-errors", 1, 30)?.pages.map((page) => (page.gap ? "…" : page.number))).toEqual([1, 2]);
    expect(pagination("access-errors", 1, 30)).toMatchObject({
      previous: undefined,
      next: "/categories/access-errors/page/2",
      from: 1,
      to: 25,
    });
  });

  it("writes a large count with separators", () => {
    expect(pagination("hp-account", 1, 3_319)?.countText).toBe("3,319");
  });

  it("is absent for a listing of one page", () => {
    expect(pagination("access-errors", 1, 25)).toBeUndefined();
    expect(pagination("access-errors", 1, 0)).toBeUndefined();
  });
});

describe("leadSentence", () => {
  it("is the first sentence, or, past 80 characters, its part up to the last clause that fits", () => {
    expect(leadSentence("原因です。次の文。")).toBe("原因です。");
    expect(leadSentence("句点のない一文")).toBe("句点のない一文");
    const long = `${"あ".repeat(50)}、${"い".repeat(50)}。`;
    expect(leadSentence(long)).toBe(`${"あ".repeat(50)}…`);
    expect(leadSentence("う".repeat(100))).toBe(`${"う".repeat(80)}…`);
  });
});
