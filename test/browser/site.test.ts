import { createServer } from "node:http";
import { AxeBuilder } from "@axe-core/playwright";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadContent } from "../../src/content/load-content.js";
import { createApp } from "../../src/web/app/create-app.js";
import { CONTENT_DIR } from "../helpers/content-dir.js";
import { openSession, screenshot, watchedPage, type Session } from "./browser.js";

let session: Session;
let browser: Browser;
let origin = "";

beforeAll(async () => {
  // With the office's channel configured (content/contact.md), so every page shows its contact links.
  const content = await loadContent(CONTENT_DIR);
  const contact = {
    name: "HP Advantageplus 事務局",
    email: "office@example.jp",
    url: undefined,
    hours: "平日 9:00〜17:00",
  };
  // And an outage notice about AE04 in force, as on the day the registration sync is late.
  const notice = {
    id: "content-ae04",
    title: "AE04 が表示されてサインインできない件について",
    body: "登録情報の反映が遅れています。状況は https://status.example.jp/ae04 でお知らせします。",
    kind: "outage" as const,
    scopes: [{ kind: "code" as const, code: "AE04" }],
    startsAt: Date.now() - 3_600_000,
    endsAt: Date.now() + 3_600_000,
    source: "content" as const,
  };
  const site = { ...content, contact: { ...contact, file: "contact.md" }, notices: [notice] };
  session = await openSession(createServer(createApp(site).handle).listen(0, "127.0.0.1"));
  ({ browser, origin } = session);
});
afterAll(() => session?.close());

const PAGES = {
  home: "/",
  category: "/categories/access-errors",
  question: "/questions/forgot-password",
  results: `/search?q=${encodeURIComponent("パスワード 忘れた")}`,
  "no-result": `/search?q=${encodeURIComponent("天気予報")}`,
  "not-found": "/no-such-page",
  contact: "/contact?question=ae04&code=AE04",
  "question-with-notice": "/questions/ae04",
  "contact-from-search": `/contact?q=${encodeURIComponent("パスワード 忘れた")}`,
};
const WIDTHS = [375, 1280];

describe("deep links", () => {
  it("/categories/<category>#<id> shows that question in view, below the sticky header, visibly marked", async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 } });
    const { page, problems } = await watchedPage(context);
    await page.goto(`${origin}/categories/access-errors#ae03`);
    const header = await page.locator(".site-header").boundingBox();
    const target = await page.locator("#ae03").boundingBox();
    expect(header && target).toBeTruthy();
    if (!header || !target) return;
    expect(target.y).toBeGreaterThanOrEqual(header.y + header.height - 1);
    expect(target.y).toBeLessThan(740 / 2);
    const marked = await page.locator("#ae03").evaluate((el) => getComputedStyle(el).backgroundColor);
    const unmarked = await page.locator("#ae04").evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(marked).not.toBe(unmarked);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("the copy-link control copies the absolute anchor URL and says so", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin });
    const { page, problems } = await watchedPage(context);
    await page.goto(`${origin}/categories/hp-account`);
    await page.locator("#forgot-password [data-copy-link]").click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
      `${origin}/categories/hp-account#forgot-password`,
    );
    await expect.poll(() => page.locator("[data-copy-status]").textContent()).toBe("リンクをコピーしました");
    expect(await page.locator("[data-copy-status]").getAttribute("role")).toBe("status");
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe("search as you type", () => {
  it("typing ae03 lists suggestions; ArrowDown + Enter opens the AE03 answer", async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 } });
    const { page, problems } = await watchedPage(context);
    await page.goto(`${origin}/`);
    const input = page.locator("#header-search-input");
    await input.click();
    await page.keyboard.type("ae03");
    await page.locator("[role=option]").first().waitFor();
    expect(await input.getAttribute("aria-expanded")).toBe("true");
    await expect.poll(() => page.locator("form [role=status]").textContent()).toMatch(/件の候補があります/);
    await page.keyboard.press("ArrowDown");
    expect(await input.getAttribute("aria-activedescendant")).toBe("header-search-option-0");
    await page.keyboard.press("Enter");
    await page.waitForURL(`${origin}/questions/ae03`);
    expect(await page.locator("h1").textContent()).toContain("AE03");
    expect(problems).toEqual([]);
    await context.close();
  });

  it("Escape closes the suggestions; without a choice Enter submits to the results page", async () => {
    const context = await browser.newContext();
    const { page } = await watchedPage(context);
    await page.goto(`${origin}/`);
    await page.locator("#header-search-input").click();
    await page.keyboard.type("パスワード");
    await page.locator("[role=option]").first().waitFor();
    await page.keyboard.press("Escape");
    expect(await page.locator("#header-search-listbox").isHidden()).toBe(true);
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/search\?q=/);
    expect(await page.locator(".search-result").count()).toBeGreaterThan(0);
    await context.close();
  });
});

describe("the way to the office", () => {
  it("goes from an answer to a prefilled mail link in two clicks with JavaScript off", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${origin}/questions/ae04`);
    await page.getByRole("link", { name: "HP Advantageplus 事務局へのお問い合わせ" }).click();
    await page.waitForURL(`${origin}/contact?question=ae04&code=AE04`);
    // This site records nothing (no database), so the button is the office's mailto: itself; with analytics
    // it is /contact/go, which counts and answers 303 to the same link (test/web/app/contact-routes.test.ts).
    const button = page.getByRole("link", { name: "メールで問い合わせる" });
    const location = (await button.getAttribute("href")) ?? "";
    expect(location.startsWith("mailto:office@example.jp?subject=")).toBe(true);
    const prefilled = new URLSearchParams(location.slice(location.indexOf("?") + 1));
    expect(prefilled.get("subject")).toBe("お問い合わせ: エラーコード: AE04 が表示されてサインインできません");
    expect(prefilled.get("body")).toContain("表示されたエラーコード: AE04");
    await context.close();
  });
});

describe("keyboard", () => {
  it("the skip link comes first, is visible when focused, and moves focus to the main content", async () => {
    const context = await browser.newContext();
    const { page } = await watchedPage(context);
    await page.goto(`${origin}/questions/ae01`);
    await page.keyboard.press("Tab");
    const skip = page.locator(".skip-link");
    expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
    const box = await skip.boundingBox();
    expect(box && box.y >= 0).toBe(true);
    const outline = await skip.evaluate((el) => getComputedStyle(el).outlineStyle);
    expect(outline).not.toBe("none");
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("main");
    await context.close();
  });

  it("every link and control can be reached by Tab, each with a visible focus ring", async () => {
    const context = await browser.newContext();
    const { page } = await watchedPage(context);
    await page.goto(`${origin}/categories/account-integration`);
    const focusable = await page.locator("a[href], button, input").count();
    const seen = new Set<string>();
    for (let i = 0; i < focusable + 2; i++) {
      await page.keyboard.press("Tab");
      const info = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return null;
        const style = getComputedStyle(el);
        return {
          key: `${el.tagName}:${el.getAttribute("href") ?? el.id}:${el.textContent}`,
          outline: style.outlineStyle,
          width: style.outlineWidth,
        };
      });
      if (!info) continue;
      seen.add(info.key);
      expect(info.outline, info.key).not.toBe("none");
    }
    expect(seen.size).toBeGreaterThanOrEqual(focusable - 1);
    await context.close();
  });
});

describe("layout", () => {
  it("works from 320 px wide without sideways scrolling", async () => {
    const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
    const { page } = await watchedPage(context);
    for (const path of Object.values(PAGES)) {
      await page.goto(`${origin}${path}`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(320);
    }
    await context.close();
  });

  it("an answer prints without header, search or navigation", async () => {
    const context = await browser.newContext();
    const { page } = await watchedPage(context);
    await page.goto(`${origin}/questions/ae01`);
    await page.emulateMedia({ media: "print" });
    for (const selector of [".site-header", ".breadcrumb", ".search-form", ".pager", ".site-footer"]) {
      expect(await page.locator(selector).first().isVisible(), selector).toBe(false);
    }
    expect(await page.locator(".answer").isVisible()).toBe(true);
    await context.close();
  });
});

describe("every page type, both widths, both colour schemes", () => {
  for (const [name, path] of Object.entries(PAGES)) {
    for (const width of WIDTHS) {
      for (const colorScheme of ["light", "dark"] as const) {
        it(`${name} at ${width}px, ${colorScheme}: no axe violations (WCAG 2.2 A/AA), no console errors or CSP violations`, async () => {
          const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme });
          const { page, problems } = await watchedPage(context);
          const response = await page.goto(`${origin}${path}`);
          expect(response?.status()).toBe(name === "not-found" ? 404 : 200);
          expect(await page.locator("h1").count()).toBe(1);
          const results = await new AxeBuilder({ page })
            .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
            .analyze();
          const violations = results.violations.map(
            (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
          );
          expect(violations).toEqual([]);
          // The 404 page is itself a 404 response, which Chromium logs; nothing else may be.
          const unexpected = name === "not-found" ? problems.filter((p) => !p.includes("status of 404")) : problems;
          expect(unexpected).toEqual([]);
          await screenshot(page, `${name}-${width}-${colorScheme}`);
          await context.close();
        });
      }
    }
  }
});
