import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateContent } from "../../../bench/generate-content.js";
import { loadContent } from "../../../src/content/load-content.js";
import type { Content } from "../../../src/content/types.js";
import { buildSite } from "../../../src/web/app/build-site.js";
import { createApp, type RequestListener } from "../../../src/web/app/create-app.js";
import { compileTemplates } from "../../../src/web/pages/templates.js";
import { ANSWERS_PER_PAGE, HOME_QUESTIONS_PER_CATEGORY, listingOf } from "../../../src/web/pages/listing.js";
import { bundledSite } from "../../helpers/app.js";

describe("the bundled FAQ's listings", () => {
  it("fit on one page each: every category lists all its answers, and the home page all its questions", async () => {
    const { content, app } = await bundledSite();
    const listing = listingOf(content);
    for (const category of content.categories) {
      expect(listing.pageCount(category.id)).toBe(1);
      expect(listing.questionsOf(category.id).length).toBeLessThanOrEqual(HOME_QUESTIONS_PER_CATEGORY);
    }
    const home = (await request(app).get("/").expect(200)).text;
    for (const question of content.questions) expect(home).toContain(`href="/questions/${question.id}"`);
    expect(home).not.toContain("すべて見る");
    const category = (await request(app).get("/categories/access-errors").expect(200)).text;
    expect(category).not.toContain('class="pagination"');
    expect(listing.anchorUrl(content.questionById.get("ae03") as Content["questions"][number])).toBe(
      "/categories/access-errors#ae03",
    );
  });
});

describe("at 10,000 entries", () => {
  let dir = "";
  let content: Content;
  let app: RequestListener;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "faq-listing-"));
    await generateContent(10_000, dir);
    content = await loadContent(dir);
    app = createApp(content, { search: { perMinute: 0 } }).handle;
  }, 120_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("a category lists its answers 25 a page, with links to the others, each page a size a phone can read", async () => {
    const category = content.categories[0];
    if (!category) throw new Error("generated content has categories");
    const listing = listingOf(content);
    const count = listing.questionsOf(category.id).length;
    expect(listing.pageCount(category.id)).toBe(Math.ceil(count / ANSWERS_PER_PAGE));
    const first = await request(app).get(`/categories/${category.id}`).expect(200);
    expect(first.text.match(/<article class="faq-item"/g)).toHaveLength(ANSWERS_PER_PAGE);
    expect(first.text).toContain(`全 ${count.toLocaleString("en")} 件中 1〜${ANSWERS_PER_PAGE} 件目`);
    expect(first.text).toContain(`<a href="/categories/${category.id}/page/2" rel="next">次のページ</a>`);
    expect(Buffer.byteLength(first.text)).toBeLessThan(200_000);
    const lastPage = listing.pageCount(category.id);
    const last = await request(app).get(`/categories/${category.id}/page/${lastPage}`).expect(200);
    expect(last.text.match(/<article class="faq-item"/g)).toHaveLength(count - (lastPage - 1) * ANSWERS_PER_PAGE);
    expect(last.text).toContain('rel="prev">前のページ</a>');
    await request(app)
      .get(`/categories/${category.id}/page/${lastPage + 1}`)
      .expect(404);
  });

  it("rendered pages are kept within the cache's bytes however many are visited, and a dropped one comes back the same", () => {
    const site = buildSite(content, compileTemplates(), "https://faq.example.com", {
      feedback: false,
      pageCacheBytes: 2_000_000,
    });
    const paths = [...site.fixed.paths()].filter((p) => p.startsWith("/questions/")).slice(0, 2_000);
    const first = site.fixed.get(paths[0] ?? "")?.etag;
    for (const p of paths) expect(site.fixed.get(p)?.status).toBe(200);
    // 2,000 question pages of several KB each would be far more: only the most recent fit.
    expect(site.fixed.cachedBytes).toBeLessThanOrEqual(2_000_000);
    expect(site.fixed.cachedBytes).toBeGreaterThan(1_500_000);
    expect(site.fixed.get(paths[0] ?? "")?.etag).toBe(first);
  }, 120_000);

  it("the home page lists each category with its count and first questions, and stays small", async () => {
    const home = await request(app).get("/").expect(200);
    expect(Buffer.byteLength(home.text)).toBeLessThan(100_000);
    for (const category of content.categories) {
      expect(home.text).toContain(
        `${category.title}のご質問をすべて見る（${listingOf(content).questionsOf(category.id).length.toLocaleString("en")} 件）`,
      );
    }
  });

  it("every question's deep link, as the search API and copy-link give it, lands on its answer", async () => {
    const listing = listingOf(content);
    // Group by page so each page is fetched once: 10,000 links over a few hundred pages.
    const byPage = new Map<string, string[]>();
    for (const question of content.questions) {
      const [pagePath = "", anchor = ""] = listing.anchorUrl(question).split("#");
      byPage.set(pagePath, [...(byPage.get(pagePath) ?? []), anchor]);
    }
    let checked = 0;
    for (const [pagePath, anchors] of byPage) {
      const page = (await request(app).get(pagePath).expect(200)).text;
      for (const anchor of anchors) {
        expect(page, `${pagePath}#${anchor}`).toContain(`<article class="faq-item" id="${anchor}"`);
        // The copy-link control on the answer is the same link.
        expect(page).toContain(`href="${pagePath}#${anchor}" data-copy-link`);
        checked++;
      }
    }
    expect(checked).toBe(10_000);
    // The search API hands out the same links.
    const sample = content.questions[7_777];
    if (!sample) throw new Error("10,000 questions");
    const api = await request(app).get("/api/search").query({ q: sample.title, limit: 50 }).expect(200);
    const hit = (api.body as { results: Array<{ id: string; anchorUrl: string }> }).results.find(
      (result) => result.id === sample.id,
    );
    expect(hit?.anchorUrl).toBe(listing.anchorUrl(sample));
    // And the question's own page links to it.
    expect((await request(app).get(`/questions/${sample.id}`).expect(200)).text).toContain(
      `href="${listing.anchorUrl(sample)}"`,
    );
  }, 120_000);
});
