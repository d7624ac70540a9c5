import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { AxeBuilder } from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateAnalytics } from "../../bench/generate-analytics.js";
import { AnalyticsStore } from "../../src/analytics/analytics-store.js";
import { NoticeStore } from "../../src/notices/notice-store.js";
import { Operators } from "../../src/admin/operators.js";
import { loadContent } from "../../src/content/load-content.js";
import { migrate } from "../../src/db/migrations.js";
import { openDatabase, type Db } from "../../src/db/open-database.js";
import { createApp } from "../../src/web/app/create-app.js";
import type { ReaderEvent } from "../../src/analytics/events.js";
import { CONTENT_DIR, copyContentWith, removeContentDirs } from "../helpers/content-dir.js";
import { testDatabases } from "../helpers/databases.js";
import { openSession, screenshot, watchedPage, type Session } from "./browser.js";

const engine = testDatabases()[0];
const PASSWORD = "correct horse battery staple";
let session: Session;
let browser: Browser;
let origin = "";
let db: Db;

beforeAll(async () => {
  if (!engine) throw new Error("SQLite is always available");
  const location = await engine.fresh();
  db = openDatabase(location);
  await migrate(db, location.kind);
  // One answer due for review, so 改善の提案 lists it.
  const ae03 = await readFile(`${CONTENT_DIR}/questions/ae03.md`, "utf8");
  const contentDir = await copyContentWith({
    "questions/ae03.md": ae03.replace(
      "updated: 2026-11-24\n",
      "updated: 2026-11-24\nowner: サポート窓口\nreviewed: 2025-01-10\nreview_every: 6 months\n",
    ),
  });
  const content = await loadContent(contentDir);
  await generateAnalytics(db, content, { searches: 3000, votes: 600, days: 90, contacts: 400 });
  // Three readers each rewrite a search that found nothing into one that did: 改善の提案 has suggestions.
  const rewrites: ReaderEvent[] = [1, 2, 3].flatMap((n): ReaderEvent[] => {
    const reader = { address: `198.51.100.${n}`, userAgent: "Mozilla/5.0" };
    const at = Date.now() - 3_600_000;
    const search = (minute: number, query: string, results: number): ReaderEvent => ({
      type: "search",
      time: at + minute * 60_000,
      ...reader,
      query,
      results,
      topResult: null,
      codeMatch: false,
      source: "page",
    });
    return [
      search(0, "二段階認証", 0),
      search(1, "確認コード", 2),
      {
        type: "click",
        time: at + 90_000,
        ...reader,
        query: "確認コード",
        question: "verification-code-invalid",
        position: 1,
      },
      search(10, "ログオンできない", 2),
      search(11, "サインインできない", 5),
      {
        type: "click",
        time: at + 690_000,
        ...reader,
        query: "サインインできない",
        question: "cannot-log-in",
        position: 1,
      },
      search(20, "経費精算", 0),
    ];
  });
  await new AnalyticsStore(db).write(rewrites);
  // AE04 spiking now, and a notice in force: 概要 shows the alert, お知らせ its row.
  await new AnalyticsStore(db).write([{ type: "codeVisits", time: Date.now() - 300_000, code: "AE04", count: 40 }]);
  await new NoticeStore(db, content).create(
    {
      title: "AE04 が表示されてサインインできない件について",
      body: "登録情報の反映が遅れています。",
      kind: "outage",
      scopes: [{ kind: "code", code: "AE04" }],
      startsAt: Date.now() - 600_000,
      endsAt: Date.now() + 3_600_000,
    },
    "support-lead",
    Date.now(),
  );
  await new Operators(db).add("support-lead", PASSWORD);
  session = await openSession(
    createServer(createApp(content, { admin: { db, contentDir }, search: { perMinute: 0 } }).handle).listen(
      0,
      "127.0.0.1",
    ),
  );
  ({ browser, origin } = session);
});
afterAll(async () => {
  await session?.close();
  await db?.destroy();
  await engine?.cleanup();
  await removeContentDirs();
});

async function signIn(page: Page): Promise<void> {
  await page.goto(`${origin}/admin`);
  await page.waitForURL(`${origin}/admin/login`);
  await page.locator("#admin-username").fill("support-lead");
  await page.locator("#admin-password").fill(PASSWORD);
  await page.keyboard.press("Enter");
  await page.waitForURL(`${origin}/admin`);
}

async function axe(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

describe("an operator, by keyboard", () => {
  it("signs in, reads the overview, opens each report, downloads a CSV and signs out", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const { page, problems } = await watchedPage(context);
    await page.goto(`${origin}/admin/login`);
    await page.keyboard.press("Tab"); // skip link
    for (let i = 0; i < 12 && !(await page.evaluate(() => document.activeElement?.id === "admin-username")); i++)
      await page.keyboard.press("Tab");
    await page.keyboard.type("support-lead");
    await page.keyboard.press("Tab");
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press("Enter");
    await page.waitForURL(`${origin}/admin`);
    expect(await page.locator("h1").textContent()).toContain("概要");
    expect(await page.locator(".admin-figure").count()).toBe(10);
    expect(await page.locator("#spikes-heading").textContent()).toBe("急増しているエラーコード");
    expect(await page.locator("svg.chart").count()).toBe(2);

    for (const [label, heading] of [
      ["見つからなかった検索", "見つからなかった検索"],
      ["人気の検索", "人気の検索"],
      ["問い合わせ", "問い合わせ"],
      ["お知らせ", "お知らせ"],
      // Last: its CSV is the one downloaded below.
      ["回答の評価", "回答の評価"],
    ] as const) {
      const link = page.locator(".admin-nav a", { hasText: label });
      await link.focus();
      await page.keyboard.press("Enter");
      await page.waitForLoadState();
      expect(await page.locator("h1").textContent()).toContain(heading);
      expect(await page.locator(".admin-table tbody tr").count()).toBeGreaterThan(0);
    }

    const downloading = page.waitForEvent("download");
    await page.locator(".admin-csv").focus();
    await page.keyboard.press("Enter");
    const download = await downloading;
    const csv = await readFile((await download.path()) ?? "", "utf8");
    expect(csv.startsWith("\uFEFFquestion_id,title,helpful,not_helpful,helpful_rate,comments\r\n")).toBe(true);

    await page.locator(".admin-signout button").focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(`${origin}/admin/login`);
    await page.goto(`${origin}/admin`);
    await page.waitForURL(`${origin}/admin/login`);
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe("an operator turns a suggestion into a patch, by keyboard", () => {
  it("reads the evidence and the diff, accepts it, downloads the patch and sees the answer due for review", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const { page, problems } = await watchedPage(context);
    await signIn(page);
    const link = page.locator(".admin-nav a", { hasText: "改善の提案" });
    await link.focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(`${origin}/admin/suggestions`);
    const keyword = page.locator(".suggestion", { hasText: "「二段階認証」を" });
    expect(await keyword.locator(".diff__add").textContent()).toMatch(/^\+keywords: \[.*二段階認証\]$/);
    expect(await page.locator(".suggestion", { hasText: "「サインイン」と「ログオン」" }).count()).toBe(1);
    expect(await page.locator("#gaps ~ * a, section[aria-labelledby=gaps] a", { hasText: "経費精算" }).count()).toBe(1);
    expect(await page.locator("section[aria-labelledby=reviews] tbody tr").textContent()).toContain("サポート窓口");
    await keyword.getByRole("button", { name: "採用" }).focus();
    await page.keyboard.press("Enter");
    await page.waitForLoadState();
    expect(await page.locator(".decided-list li").textContent()).toContain("「二段階認証」を");
    const downloading = page.waitForEvent("download");
    await page.getByRole("link", { name: "採用した提案をパッチでダウンロード" }).focus();
    await page.keyboard.press("Enter");
    const patch = await readFile((await (await downloading).path()) ?? "", "utf8");
    expect(patch).toContain("+++ b/content/questions/verification-code-invalid.md");
    expect(patch).toMatch(/\n\+keywords: \[.*二段階認証\]\n/);
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe("every admin page passes axe, light and dark, 375 and 1280 px", () => {
  const pages = {
    overview: "/admin",
    "no-results": "/admin/no-results",
    searches: "/admin/searches",
    questions: "/admin/questions",
    contacts: "/admin/contacts",
    metrics: "/admin/metrics",
    notices: "/admin/notices",
    audit: "/admin/audit",
    suggestions: "/admin/suggestions",
    "overview-90": "/admin?days=90",
  };
  for (const colorScheme of ["light", "dark"] as const) {
    for (const width of [375, 1280]) {
      it(`sign-in page, ${colorScheme}, ${width} px`, async () => {
        const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme });
        const { page, problems } = await watchedPage(context);
        await page.goto(`${origin}/admin/login`);
        expect(await axe(page)).toEqual([]);
        expect(problems).toEqual([]);
        await screenshot(page, `admin-login-${width}-${colorScheme}`);
        await context.close();
      });
      it(`each report, ${colorScheme}, ${width} px`, async () => {
        const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme });
        const { page, problems } = await watchedPage(context);
        await signIn(page);
        for (const [name, path] of Object.entries(pages)) {
          await page.goto(`${origin}${path}`);
          expect(await axe(page), name).toEqual([]);
          // Nothing wider than the screen, so a phone never scrolls sideways (wide tables scroll in their box).
          expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), name).toBe(true);
          await screenshot(page, `admin-${name}-${width}-${colorScheme}`);
        }
        expect(problems).toEqual([]);
        await context.close();
      });
    }
  }
});
