import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import fs from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { homePage } from "../../../src/web/pages/page-models.js";
import { renderPage } from "../../../src/web/pages/render-page.js";
import { bundledSite } from "../../helpers/app.js";
import { viewsDir } from "../../../src/paths.js";
import { compileTemplates } from "../../../src/web/pages/templates.js";

const made: string[] = [];
afterEach(async () => {
  for (const dir of made.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** A copy of views/ with some templates removed or replaced. */
async function viewsWith(change: (dir: string) => Promise<void>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "faq-views-"));
  made.push(dir);
  await cp(viewsDir, dir, { recursive: true });
  await change(dir);
  return dir;
}

describe("compileTemplates", () => {
  it("compiles every page template of the view contract from views/", () => {
    const render = compileTemplates();
    expect(render("bad-request", {})).toContain("<h1>リクエストが正しくありません</h1>");
  });

  it("renders a page with its partials without asking the file system anything", async () => {
    const { content } = await bundledSite();
    const render = compileTemplates();
    const frame = {
      assets: { css: "/a.css", js: "/a.js" },
      siteUrl: "https://faq.example.com",
      analytics: true,
      contactUrl: undefined,
    };
    renderPage(render, homePage(content), frame);
    const exists = vi.spyOn(fs, "existsSync");
    try {
      const html = renderPage(render, homePage(content), frame);
      expect(html).toContain('id="header-search-input"');
      expect(html).toContain("AE01");
      expect(exists).not.toHaveBeenCalled();
    } finally {
      exists.mockRestore();
    }
  });

  it("refuses to start when a page template is missing, naming the file", async () => {
    const dir = await viewsWith((d) => rm(path.join(d, "question.ejs")));
    expect(() => compileTemplates(dir)).toThrow(`Missing template in ${dir}: question.ejs`);
  });

  it("refuses to start on a template that does not compile, naming the file", async () => {
    const dir = await viewsWith((d) => writeFile(path.join(d, "home.ejs"), "<% if (it.x) { %>"));
    expect(() => compileTemplates(dir)).toThrow(`Cannot compile template ${path.join(dir, "home.ejs")}`);
  });

  it("renders partials from memory, and picks up an edited partial when compiled again (a dev reload)", async () => {
    const dir = await viewsWith(async () => undefined);
    const partial = path.join(dir, "partials", "search-form.ejs");
    const render = compileTemplates(dir);
    expect(render("bad-request", {})).toContain("よくあるご質問を検索");
    await writeFile(partial, "<p>edited form</p>");
    // Rendering again reads nothing from disk: the partial compiled on first use is kept.
    expect(render("bad-request", {})).toContain("よくあるご質問を検索");
    expect(compileTemplates(dir)("bad-request", {})).toContain("<p>edited form</p>");
  });
});
