import { createServer } from "node:http";
import { AxeBuilder } from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AnalyticsService } from "../../src/analytics/analytics-service.js";
import { loadContent } from "../../src/content/load-content.js";
import { createApp } from "../../src/web/app/create-app.js";
import { readyAnalytics } from "../helpers/analytics.js";
import { CONTENT_DIR } from "../helpers/content-dir.js";
import { testDatabases } from "../helpers/databases.js";
import { openSession, screenshot, watchedPage, type Session } from "./browser.js";

const engine = testDatabases()[0];
let session: Session;
let browser: Browser;
let origin = "";
let analytics: AnalyticsService;

beforeAll(async () => {
  if (!engine) throw new Error("SQLite is always available");
  analytics = await readyAnalytics(await engine.fresh());
  const app = createApp(await loadContent(CONTENT_DIR), {
    search: { perMinute: 0 },
    feedback: { recorder: analytics, votesPerMinute: 0 },
  });
  session = await openSession(createServer(app.handle).listen(0, "127.0.0.1"));
  ({ browser, origin } = session);
});
afterAll(async () => {
  await session?.close();
  await analytics?.close();
  await engine?.cleanup();
});

async function votes(question: string) {
  await analytics.queue.flush();
  return analytics.db
    .selectFrom("feedback_votes")
    .select(["helpful", "reason", "comment"])
    .where("question_id", "=", question)
    .execute();
}

async function axe(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** Tab until the focused element matches, as a keyboard user would reach it. */
async function tabTo(page: Page, selector: string, limit = 80): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

describe("feedback with JavaScript, by keyboard alone", () => {
  it("はい: thanks in place, announced, focus kept in the widget, the vote stored", async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 } });
    const { page, problems } = await watchedPage(context);
    await page.goto(`${origin}/questions/ae01`);
    await tabTo(page, "[data-feedback-vote] button[value=yes]");
    await page.keyboard.press("Enter");
    const status = page.locator("[data-feedback-status]");
    await expect.poll(() => status.textContent()).toBe("ご回答ありがとうございました。");
    expect(await status.getAttribute("role")).toBe("status");
    expect(await page.evaluate(() => document.activeElement?.hasAttribute("data-feedback-status"))).toBe(true);
    expect(page.url()).toBe(`${origin}/questions/ae01`);
    expect(await votes("ae01")).toEqual([{ helpful: 1, reason: null, comment: null }]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("いいえ: the reason and comment appear, are sent, and the next step follows", async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 } });
    const { page, problems } = await watchedPage(context);
    await page.goto(`${origin}/questions/ae02`);
    await tabTo(page, "[data-feedback-vote] button[value=no]");
    await page.keyboard.press("Enter");
    const more = page.locator("[data-feedback-more]");
    await more.waitFor({ state: "visible" });
    expect(await page.evaluate(() => document.activeElement?.hasAttribute("data-feedback-more"))).toBe(true);
    expect(await votes("ae02")).toEqual([{ helpful: 0, reason: null, comment: null }]);
    await tabTo(page, "input[name=reason][value=not-solved]");
    await page.keyboard.press("Space");
    await tabTo(page, "textarea[name=comment]");
    await page.keyboard.type("手順 2 の画面が出ません");
    await tabTo(page, "[data-feedback-send]");
    await page.keyboard.press("Enter");
    await expect
      .poll(() => page.locator("[data-feedback-status]").textContent())
      .toBe("ご意見ありがとうございました。回答の改善に役立てます。");
    expect(await page.locator("[data-feedback-next]").isVisible()).toBe(true);
    expect(await page.locator("[data-feedback-next]").textContent()).toContain("事務局までお問い合わせください");
    expect(await votes("ae02")).toEqual([{ helpful: 0, reason: "not-solved", comment: "手順 2 の画面が出ません" }]);
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe("feedback on a listing page, one widget per answer", () => {
  it("いいえ on two answers gives each its own reason and comment fields, labelled, and stores each vote apart", async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 } });
    const { page, problems } = await watchedPage(context);
    await page.goto(`${origin}/categories/access-errors`);
    expect(await page.locator("[data-feedback-more]").count()).toBe(0);
    for (const [question, reason, comment] of [
      ["ae05", "unclear", "ボタンの場所がわかりません"],
      ["ae06", "not-solved", "延長の申請ができません"],
    ] as const) {
      const widget = page.locator(`#${question} [data-feedback]`);
      await widget.locator("[data-feedback-vote] button[value=no]").click();
      await widget.locator("[data-feedback-more]").waitFor({ state: "visible" });
      await widget.locator(`input[name=reason][value=${reason}]`).check();
      // The label names its own widget's field: filling it by label reaches this answer's comment alone.
      await page.getByLabel("ご意見（任意").and(widget.locator("textarea")).fill(comment);
      expect(await widget.locator("textarea").getAttribute("id")).toBe(`fb-${question}-comment`);
      await widget.locator("[data-feedback-send]").click();
      await expect
        .poll(() => widget.locator("[data-feedback-status]").textContent())
        .toBe("ご意見ありがとうございました。回答の改善に役立てます。");
      expect(await votes(question)).toEqual([{ helpful: 0, reason, comment }]);
    }
    expect(await page.locator("[data-feedback-more]").count()).toBe(2);
    expect(await axe(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe("feedback without JavaScript", () => {
  it("いいえ posts the form, the thank-you page asks for a reason, and sending it stores it", async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 }, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${origin}/questions/ae04`);
    await tabTo(page, "[data-feedback-vote] button[value=no]");
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/feedback\/thanks\?question=ae04&helpful=no$/);
    expect(await page.locator("h1").textContent()).toBe("ご協力ありがとうございました");
    await page.locator("input[name=reason][value=unclear]").check();
    await page.locator("textarea[name=comment]").fill("用語が難しい");
    await page.locator("form.feedback button[type=submit]").click();
    await page.waitForURL(/sent=details$/);
    expect(await page.locator("main").textContent()).toContain("ご意見ありがとうございました");
    expect(await votes("ae04")).toEqual([{ helpful: 0, reason: "unclear", comment: "用語が難しい" }]);
    await page.locator("a", { hasText: "」に戻る" }).click();
    await page.waitForURL(`${origin}/questions/ae04`);
    await context.close();
  });

  it("はい posts the form and thanks on a page that links back", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${origin}/categories/access-errors`);
    await page.locator("#ae05 [data-feedback-vote] button[value=yes]").click();
    await page.waitForURL(/\/feedback\/thanks\?question=ae05&helpful=yes$/);
    expect(await page.locator("main").textContent()).toContain("「はい」のご回答ありがとうございました。");
    expect(await votes("ae05")).toEqual([{ helpful: 1, reason: null, comment: null }]);
    await context.close();
  });
});

describe("the widget's every state passes axe, light and dark, 375 and 1280 px", () => {
  const states = {
    initial: async (_page: Page) => undefined,
    "after-no": async (page: Page) => {
      await page.locator("[data-feedback-vote] button[value=no]").click();
      await page.locator("[data-feedback-more]").waitFor({ state: "visible" });
    },
    "after-details": async (page: Page) => {
      await page.locator("[data-feedback-vote] button[value=no]").click();
      await page.locator("[data-feedback-send]").click();
      await page.locator("[data-feedback-next]").waitFor({ state: "visible" });
    },
  };
  for (const colorScheme of ["light", "dark"] as const) {
    for (const width of [375, 1280]) {
      for (const [state, reach] of Object.entries(states)) {
        it(`${state}, ${colorScheme}, ${width} px`, async () => {
          const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme });
          const { page, problems } = await watchedPage(context);
          await page.goto(`${origin}/questions/ae06`);
          await reach(page);
          expect(await axe(page)).toEqual([]);
          expect(problems).toEqual([]);
          await page.locator("[data-feedback]").scrollIntoViewIfNeeded();
          await screenshot(page, `feedback-${state}-${width}-${colorScheme}`);
          await context.close();
        });
      }
      it(`the no-JavaScript thank-you page, ${colorScheme}, ${width} px`, async () => {
        const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme });
        const { page, problems } = await watchedPage(context);
        await page.goto(`${origin}/feedback/thanks?question=ae06&helpful=no`);
        expect(await axe(page)).toEqual([]);
        expect(problems).toEqual([]);
        await screenshot(page, `feedback-thanks-${width}-${colorScheme}`);
        await context.close();
      });
    }
  }
});

describe("search analytics from the page", () => {
  async function searches() {
    await analytics.queue.flush();
    return analytics.db
      .selectFrom("search_events")
      .select(["query", "source", "clicked_question", "clicked_position"])
      .orderBy("created_at")
      .execute();
  }

  it("a result opened from a results page marks that search with the result and its position", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const { page, problems } = await watchedPage(context);
    await page.goto(`${origin}/search?q=${encodeURIComponent("確認コード")}`);
    const link = page.locator("a[data-result-id]").first();
    const id = await link.getAttribute("data-result-id");
    await link.click();
    await page.waitForURL(/\/questions\//);
    await expect.poll(async () => (await searches()).find((s) => s.query === "確認コード")?.clicked_question).toBe(id);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("a suggestion chosen while typing is one finished search with its click; the keystrokes are not", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const { page, problems } = await watchedPage(context);
    await page.goto(`${origin}/`);
    await page.locator("#header-search-input").click();
    await page.keyboard.type("ae05");
    await page.locator("[role=option]").first().waitFor();
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await page.waitForURL(`${origin}/questions/ae05`);
    await expect
      .poll(async () => (await searches()).filter((s) => s.source === "suggest"))
      .toEqual([{ query: "ae05", source: "suggest", clicked_question: "ae05", clicked_position: 1 }]);
    expect((await searches()).some((s) => s.query === "ae" || s.query === "ae0")).toBe(false);
    expect(problems).toEqual([]);
    await context.close();
  });
});
