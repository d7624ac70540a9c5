import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import express from "express";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportSite } from "../../scripts/export-site.js";
import type { ExportedIndex } from "../../src/browser/static-search.js";
import { deserialiseIndex, search } from "../../src/search/index.js";
import { copyContentWith, removeContentDirs } from "../helpers/content-dir.js";

let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "faq-export-"));
  await exportSite(dir);
}, 60_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("npm run export", () => {
  // A plain static file server, as a CDN would be.
  const host = () => express().use(express.static(dir));

  it("writes every page as index.html under its path, served by a plain static server", async () => {
    for (const urlPath of [
      "/",
      "/categories/access-errors/",
      "/questions/ae01/",
      "/questions/forgot-password/",
      "/search/",
    ]) {
      const res = await request(host()).get(urlPath).expect(200);
      expect(res.text, urlPath).toContain('<html lang="ja">');
    }
    const category = await request(host()).get("/categories/access-errors/").expect(200);
    expect(category.text).toContain('id="ae03"');
  });

  it("loads the bundled search script before the site script on every page", async () => {
    const html = await readFile(path.join(dir, "questions/ae01/index.html"), "utf8");
    const scripts = [...html.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1] ?? "");
    expect(scripts[0]).toMatch(/^\/assets\/static-search\.[0-9a-f]{10}\.js$/);
    expect(scripts[1]).toMatch(/^\/assets\/js\/site\.[\w-]+\.js$/);
    for (const src of scripts) await request(host()).get(src).expect(200);
  });

  it("turns the error-code shortcuts into redirect pages", async () => {
    const res = await request(host()).get("/errors/ae03/").expect(200);
    expect(res.text).toContain('<meta http-equiv="refresh" content="0; url=/questions/ae03">');
    // One folder per code, lower case: nothing that a case-insensitive file system would merge.
    const folders = await readdir(path.join(dir, "errors"));
    expect(folders).toEqual(folders.map((name) => name.toLowerCase()));
    expect(new Set(folders.map((name) => name.toLowerCase())).size).toBe(folders.length);
    expect(folders).toContain("ae03");
    // Other spellings reach it from the 404 page, which goes to the lower-case path.
    expect(await readFile(path.join(dir, "404.html"), "utf8")).toContain("<h1 data-not-found>");
  });

  it("ships a search index the same engine finds answers in", async () => {
    const exported = JSON.parse(await readFile(path.join(dir, "search-index.json"), "utf8")) as ExportedIndex;
    const first = search(deserialiseIndex(exported.index), "ﾊﾟｽﾜｰﾄﾞを忘れました").results[0];
    expect(first?.id).toBe("forgot-password");
    expect(exported.docs[exported.index.ids.indexOf("forgot-password")]?.url).toBe("/questions/forgot-password");
  });

  it("writes the sitemap, robots.txt and the OpenSearch description", async () => {
    expect(await readFile(path.join(dir, "sitemap.xml"), "utf8")).toContain("/questions/ae01</loc>");
    expect(await readFile(path.join(dir, "robots.txt"), "utf8")).toContain("Sitemap:");
    expect(await readFile(path.join(dir, "opensearch.xml"), "utf8")).toContain("{searchTerms}");
  });

  it("writes a 404 page", async () => {
    expect(await readFile(path.join(dir, "404.html"), "utf8")).toContain("ページが見つかりません");
  });

  it("writes no contact page for the bundled content, which names no office channel", async () => {
    await request(host()).get("/contact/").expect(404);
  });
});

describe("npm run export with the office's channel in content/contact.md", () => {
  let withContact = "";
  beforeAll(async () => {
    withContact = await mkdtemp(path.join(tmpdir(), "faq-export-contact-"));
    // And a planned notice about AE04 in force while the export is made.
    const at = (offset: number) => new Date(Date.now() + offset + 9 * 3_600_000).toISOString().slice(0, 16);
    const content = await copyContentWith({
      "contact.md": "---\nname: HP Advantageplus 事務局\nemail: office@example.jp\n---\n",
      "notices/maintenance.md": `---\ntitle: 登録システムのメンテナンス\nkind: info\nscope: code:AE04\nstarts_at: "${at(-3_600_000)}"\nends_at: "${at(3_600_000)}"\n---\n`,
    });
    await exportSite(withContact, content);
  }, 60_000);
  afterAll(async () => {
    await rm(withContact, { recursive: true, force: true });
    await removeContentDirs();
  });

  it("writes a static /contact/ whose button is the office's mailto: itself, counting nothing", async () => {
    const page = await readFile(path.join(withContact, "contact", "index.html"), "utf8");
    expect(page).toContain("HP Advantageplus 事務局へのお問い合わせ");
    expect(page).toContain('href="mailto:office@example.jp?subject=');
    expect(page).not.toContain("/contact/go");
    const answer = await readFile(path.join(withContact, "questions", "ae04", "index.html"), "utf8");
    expect(answer).toContain('href="/contact?question=ae04&amp;code=AE04"');
  });

  it("shows the content notices in force when it was made, on the pages they concern", async () => {
    const answer = await readFile(path.join(withContact, "questions", "ae04", "index.html"), "utf8");
    expect(answer).toContain("登録システムのメンテナンス");
    const other = await readFile(path.join(withContact, "questions", "forgot-password", "index.html"), "utf8");
    expect(other).not.toContain("登録システムのメンテナンス");
  });
});
