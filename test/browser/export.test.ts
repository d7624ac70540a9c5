import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import express from "express";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportSite } from "../../scripts/export-site.js";
import { openSession, screenshot, watchedPage, type Session } from "./browser.js";

// The static export, served by a plain static file server as a CDN would serve it: no app, no API.
let session: Session;
let browser: Browser;
let origin = "";
let dir = "";

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "faq-export-browser-"));
  await exportSite(dir);
  // Like a CDN: the files, and 404.html for anything else.
  const host = express()
    .use(express.static(dir))
    .use((_req, res) => res.status(404).sendFile(path.join(dir, "404.html")));
  session = await openSession(host.listen(0, "127.0.0.1"));
  ({ browser, origin } = session);
});
afterAll(async () => {
  await session?.close();
  await rm(dir, { recursive: true, force: true });
});

describe("static export in a browser", () => {
  it("pages open and a deep link lands below the header", async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 } });
    const { page, problems } = await watchedPage(context);
    await page.goto(`${origin}/categories/hp-account/#account-locked`);
    const header = await page.locator(".site-header").boundingBox();
    const target = await page.locator("#account-locked").boundingBox();
    expect(header && target && target.y >= header.y + header.height - 1 && target.y < 370).toBe(true);
    await page.goto(`${origin}/questions/forgot-password/`);
    expect(await page.locator("h1").textContent()).toBe("HP アカウントのパスワードを忘れてしまいました");
    expect(problems).toEqual([]);
    await context.close();
  });

  it("an error code typed in capitals reaches its answer through the 404 page", async () => {
    const context = await browser.newContext();
    const { page, problems } = await watchedPage(context);
    await page.goto(`${origin}/errors/AE03/`);
    await page.waitForURL(/\/questions\/ae03\/?$/);
    expect(await page.locator("h1").textContent()).toContain("AE03");
    // The 404 on the way is expected; nothing else may go wrong.
    expect(problems.filter((problem) => !/404/.test(problem))).toEqual([]);
    await context.close();
  });

  it("search as you type works from the bundled engine, with no API", async () => {
    const context = await browser.newContext();
    const { page, problems } = await watchedPage(context);
    await page.goto(`${origin}/`);
    await page.locator("#header-search-input").click();
    await page.keyboard.type("ＡＥ０３");
    await page.locator("[role=option]").first().waitFor();
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/questions\/ae03\/?$/);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("the results page is rendered in the browser, matches marked", async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 } });
    const { page, problems } = await watchedPage(context);
    await page.goto(`${origin}/search/?q=${encodeURIComponent("ﾊﾟｽﾜｰﾄﾞを忘れました")}`);
    await page.locator(".search-result").first().waitFor();
    expect(await page.locator("h1").textContent()).toBe("「ﾊﾟｽﾜｰﾄﾞを忘れました」の検索結果");
    expect(await page.locator(".search-result a").first().getAttribute("href")).toBe("/questions/forgot-password");
    expect(await page.locator(".search-result mark").count()).toBeGreaterThan(0);
    await screenshot(page, "export-results-375");
    await page.goto(`${origin}/search/?q=${encodeURIComponent("天気予報")}`);
    await expect.poll(() => page.locator(".search-count").textContent()).toContain("見つかりませんでした");
    expect(problems).toEqual([]);
    await context.close();
  });

  it("error-code shortcuts redirect to their question", async () => {
    const context = await browser.newContext();
    const { page } = await watchedPage(context);
    await page.goto(`${origin}/errors/ae06/`);
    await page.waitForURL(/\/questions\/ae06\/?$/);
    await context.close();
  });
});
