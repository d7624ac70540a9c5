import request from "supertest";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import type { AnalyticsService } from "../../../src/analytics/analytics-service.js";
import type { Contact, Content } from "../../../src/content/types.js";
import { createApp } from "../../../src/web/app/create-app.js";
import { readyAnalytics } from "../../helpers/analytics.js";
import { bundledSite } from "../../helpers/app.js";
import { testDatabases } from "../../helpers/databases.js";

const [sqlite] = testDatabases();
if (!sqlite) throw new Error("SQLite is always available");
const engine = sqlite;
afterAll(() => engine.cleanup());
const open: AnalyticsService[] = [];
afterEach(async () => {
  for (const analytics of open.splice(0)) await analytics.close();
});

const BROWSER =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";
const EMAIL: Contact = {
  name: "HP Advantageplus 事務局",
  email: "office@example.jp",
  url: undefined,
  hours: "平日 9:00〜17:00",
  file: "contact.md",
};
const { content: bundled } = await bundledSite();
const withContact = (contact: Contact | undefined): Content => ({ ...bundled, contact });

async function siteWithAnalytics() {
  const analytics = await readyAnalytics(await engine.fresh());
  open.push(analytics);
  return { app: createApp(bundled, { search: { perMinute: 0 }, feedback: { recorder: analytics } }).handle, analytics };
}

async function site(contact: Contact | "none" = EMAIL, perMinute = 0) {
  const analytics = await readyAnalytics(await engine.fresh());
  open.push(analytics);
  const app = createApp(withContact(contact === "none" ? undefined : contact), {
    siteUrl: "https://faq.example.jp",
    search: { perMinute },
    feedback: { recorder: analytics },
  }).handle;
  const stored = async () => {
    await analytics.queue.flush();
    return {
      contacts: await analytics.db.selectFrom("contact_events").select(["question_id", "code", "query"]).execute(),
      views: await analytics.db.selectFrom("answer_views_daily").select(["question_id", "views"]).execute(),
    };
  };
  return { app, stored };
}

const hrefs = (html: string, pattern: RegExp) =>
  [...html.matchAll(/href="([^"]+)"/g)].map((m) => (m[1] ?? "").replace(/&amp;/g, "&")).filter((h) => pattern.test(h));

describe("a reader the answer did not help, with the office's e-mail in content/contact.md", () => {
  it("gets from an answer to a prefilled mail in two clicks, without JavaScript, and the office counts one contact", async () => {
    const { app, stored } = await site();
    const answer = await request(app).get("/questions/ae04").set("User-Agent", BROWSER).expect(200);
    const [toContact] = hrefs(answer.text, /^\/contact\?/);
    expect(toContact).toBe("/contact?question=ae04&code=AE04");
    const contact = await request(app)
      .get(toContact ?? "")
      .set("User-Agent", BROWSER)
      .expect(200);
    expect(contact.text).toContain("HP Advantageplus 事務局へのお問い合わせ");
    expect(contact.text).toContain("office@example.jp");
    expect(contact.text).toContain("受付時間: 平日 9:00〜17:00");
    const [go] = hrefs(contact.text, /^\/contact\/go/);
    expect(go).toBe("/contact/go?question=ae04&code=AE04");
    const mail = await request(app)
      .get(go ?? "")
      .set("User-Agent", BROWSER)
      .expect(303);
    expect(mail.headers["cache-control"]).toBe("no-store");
    const location = String(mail.headers.location);
    expect(location.startsWith("mailto:office@example.jp?")).toBe(true);
    const prefilled = new URLSearchParams(location.slice(location.indexOf("?") + 1));
    expect(prefilled.get("subject")).toBe("お問い合わせ: エラーコード: AE04 が表示されてサインインできません");
    expect(prefilled.get("body")).toContain("https://faq.example.jp/questions/ae04");
    expect(prefilled.get("body")).toContain("表示されたエラーコード: AE04");
    expect((await stored()).contacts).toEqual([{ question_id: "ae04", code: "AE04", query: null }]);
  });

  it("is offered the contact page from the thanks after いいえ, the results page, the no-result page and the footer", async () => {
    const { app } = await site();
    const thanks = await request(app).get("/feedback/thanks?question=ae02&helpful=no&sent=details").expect(200);
    expect(hrefs(thanks.text, /^\/contact/)).toContain("/contact?question=ae02&code=AE02");
    const results = await request(app).get("/search?q=パスワード").expect(200);
    expect(hrefs(results.text, /^\/contact/)).toContain(`/contact?q=${encodeURIComponent("パスワード")}`);
    const none = await request(app).get("/search?q=見積書").expect(200);
    expect(hrefs(none.text, /^\/contact/)).toContain(`/contact?q=${encodeURIComponent("見積書")}`);
    const home = await request(app).get("/").expect(200);
    expect(hrefs(home.text, /^\/contact/)).toEqual(["/contact"]);
    const category = await request(app).get("/categories/access-errors").expect(200);
    expect(hrefs(category.text, /^\/contact/)).toContain("/contact?question=ae06&code=AE06");
  });

  it("sees the answers likely to help first, and the search they came from goes into the mail, redacted when stored", async () => {
    const { app, stored } = await site();
    const page = await request(app)
      .get(`/contact?q=${encodeURIComponent("パスワード 忘れた")}`)
      .expect(200);
    expect(page.text).toContain("お問い合わせの前に、こちらのご質問もご覧ください");
    expect(hrefs(page.text, /^\/questions\//)[0]).toBe("/questions/forgot-password");
    const q = "AE04 090-1234-5678";
    const mail = await request(app)
      .get(`/contact/go?code=AE04&q=${encodeURIComponent(q)}`)
      .set("User-Agent", BROWSER)
      .expect(303);
    expect(new URLSearchParams(String(mail.headers.location).split("?")[1]).get("body")).toContain(
      `検索した言葉: ${q}`,
    );
    expect((await stored()).contacts).toEqual([{ question_id: null, code: "AE04", query: "ae04 [電話番号]" }]);
  });

  it("never echoes an unknown answer or code on the page, and the counted link refuses them with 400, storing nothing", async () => {
    const { app, stored } = await site();
    const page = await request(app).get("/contact?question=%3Cscript%3Ealert(1)%3C%2Fscript%3E&code=ZZ99").expect(200);
    expect(page.text).not.toContain("<script>alert");
    expect(page.text).not.toContain("ZZ99");
    for (const url of [
      "/contact/go?question=nope",
      "/contact/go?code=AE09",
      "/contact/go?question=ae01&question=ae02",
    ]) {
      const refused = await request(app).get(url).set("User-Agent", BROWSER).expect(400);
      expect(refused.headers.location).toBeUndefined();
      expect(refused.text).toContain("お問い合わせ元のご質問またはエラーコードが見つかりません");
    }
    expect((await stored()).contacts).toEqual([]);
  });

  it("goes only to the office's own channel, whatever the parameters say", async () => {
    const { app } = await site({ ...EMAIL, email: undefined, url: "https://forms.example.jp/contact" });
    const res = await request(app)
      .get("/contact/go?question=what-is-hp-account&url=https://evil.example&next=//evil.example")
      .set("User-Agent", BROWSER)
      .expect(303);
    const target = new URL(String(res.headers.location));
    expect(target.origin + target.pathname).toBe("https://forms.example.jp/contact");
    expect(target.searchParams.get("subject")).toContain("HP アカウントとは何ですか");
    expect(target.searchParams.get("url")).toBeNull();
  });

  it("counts no contact for a bot or a prefetch, and none past the per-client limit, yet the link still works", async () => {
    const { app, stored } = await site(EMAIL, 2);
    await request(app).get("/contact/go?question=ae01").set("User-Agent", "Googlebot/2.1").expect(303);
    await request(app)
      .get("/contact/go?question=ae01")
      .set("User-Agent", BROWSER)
      .set("Sec-Purpose", "prefetch")
      .expect(303);
    for (let i = 0; i < 5; i++)
      await request(app).get("/contact/go?question=ae01").set("User-Agent", BROWSER).expect(303);
    expect((await stored()).contacts).toHaveLength(2);
  });
});

describe("answer views", () => {
  it("are counted per answer and day for a reader's GET, not for HEAD, a prefetch, a bot or another page", async () => {
    const { app, stored } = await site("none");
    for (let i = 0; i < 3; i++) await request(app).get("/questions/ae04").set("User-Agent", BROWSER).expect(200);
    await request(app).get("/questions/ae01").set("User-Agent", BROWSER).expect(200);
    await request(app).head("/questions/ae01").set("User-Agent", BROWSER).expect(200);
    await request(app).get("/questions/ae01").set("User-Agent", BROWSER).set("Purpose", "prefetch").expect(200);
    await request(app).get("/questions/ae01").set("User-Agent", "Mozilla/5.0 (compatible; bingbot/2.0)").expect(200);
    await request(app).get("/categories/access-errors").set("User-Agent", BROWSER).expect(200);
    const { views } = await stored();
    expect(views.sort((a, b) => a.question_id.localeCompare(b.question_id))).toEqual([
      { question_id: "ae01", views: 1 },
      { question_id: "ae04", views: 3 },
    ]);
  });

  it("/errors/<code> visits that find their answer are counted per code, for the spike alerts", async () => {
    const { app, analytics } = await siteWithAnalytics();
    await request(app).get("/errors/ae04").set("User-Agent", BROWSER).expect(301);
    await request(app).get("/errors/AE-4").set("User-Agent", BROWSER).expect(301);
    await request(app).get("/errors/ae04").set("User-Agent", "Googlebot/2.1").expect(301);
    await request(app).get("/errors/ae09").set("User-Agent", BROWSER).expect(404);
    await analytics.queue.flush();
    expect(await analytics.db.selectFrom("code_visits").select(["code", "visits"]).execute()).toEqual([
      { code: "AE04", visits: 2 },
    ]);
  });

  it("stop being counted for a client past its limit: a flood stores nothing more", async () => {
    const { app, stored } = await site("none", 3);
    for (let i = 0; i < 20; i++) await request(app).get("/questions/ae04").set("User-Agent", BROWSER).expect(200);
    expect((await stored()).views).toEqual([{ question_id: "ae04", views: 3 }]);
  });
});

describe("without a channel, or with ANALYTICS=off", () => {
  it("shows no contact link anywhere and has no /contact, when content/contact.md names no channel", async () => {
    const { app } = await site("none");
    for (const url of ["/", "/questions/ae04", "/search?q=見積書", "/feedback/thanks?question=ae02&helpful=no"]) {
      const page = await request(app).get(url);
      expect(hrefs(page.text, /^\/contact/), url).toEqual([]);
      expect(page.text).toContain("HP Advantageplus 事務局までお問い合わせください");
    }
    await request(app).get("/contact").expect(404);
    await request(app).get("/contact/go?question=ae01").expect(404);
  });

  it("links the contact page's button straight to the channel and counts nothing when nothing records", async () => {
    const app = createApp(withContact(EMAIL)).handle;
    const page = await request(app).get("/contact?question=ae04").expect(200);
    const [button] = hrefs(page.text, /^mailto:/);
    expect(button?.startsWith("mailto:office@example.jp?subject=")).toBe(true);
    expect(hrefs(page.text, /^\/contact\/go/)).toEqual([]);
    const go = await request(app).get("/contact/go?question=ae04").set("User-Agent", BROWSER).expect(303);
    expect(String(go.headers.location).startsWith("mailto:office@example.jp?")).toBe(true);
  });
});
