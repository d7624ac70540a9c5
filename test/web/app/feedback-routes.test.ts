import { sql } from "kysely";
import request from "supertest";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import type { AnalyticsService } from "../../../src/analytics/analytics-service.js";
import { openDatabase } from "../../../src/db/open-database.js";
import { createApp } from "../../../src/web/app/create-app.js";
import { buildSearchIndex, type SearchIndex } from "../../../src/search/index.js";
import { documentsFromContent } from "../../../src/web/search/documents-from-content.js";
import { bundledSite } from "../../helpers/app.js";
import { readyAnalytics } from "../../helpers/analytics.js";
import { testDatabases } from "../../helpers/databases.js";

const sqlite = testDatabases().find((engine) => engine.name === "SQLite") ?? testDatabases()[0];
if (!sqlite) throw new Error("SQLite is always available");
const engine = sqlite;
afterAll(() => engine.cleanup());

const open: AnalyticsService[] = [];
afterEach(async () => {
  for (const analytics of open.splice(0)) await analytics.close().catch(() => undefined);
});

async function site(
  options: { feedbackRateLimit?: number; searchRateLimit?: number; searchIndex?: Promise<SearchIndex> } = {},
) {
  const { content } = await bundledSite();
  const location = await engine.fresh();
  const analytics = await readyAnalytics(location);
  open.push(analytics);
  const app = createApp(content, {
    search: { index: options.searchIndex, perMinute: options.searchRateLimit ?? 0 },
    feedback: { recorder: analytics, votesPerMinute: options.feedbackRateLimit },
  }).handle;
  const votes = async () => {
    await analytics.queue.flush();
    return analytics.db
      .selectFrom("feedback_votes")
      .select(["question_id", "helpful", "reason", "comment"])
      .orderBy("question_id")
      .execute();
  };
  const searches = async () => {
    await analytics.queue.flush();
    return analytics.db
      .selectFrom("search_events")
      .select(["query", "results", "top_result", "code_match", "source", "clicked_question", "clicked_position"])
      .orderBy("created_at")
      .execute();
  };
  return { app, analytics, votes, searches, location };
}

describe("the feedback widget", () => {
  it("sits under the answer on the question page and under each answer of a category page", async () => {
    const { app } = await site();
    const question = (await request(app).get("/questions/ae03").expect(200)).text;
    expect(question).toContain("この回答で問題は解決しましたか？");
    expect(question).toMatch(
      /<form class="feedback" method="post" action="\/feedback" data-feedback>\s*<input type="hidden" name="question" value="ae03">/,
    );
    for (const reason of ["手順どおりにしても解決しない", "説明がわかりにくい", "知りたい内容が載っていない", "その他"])
      expect(question).toContain(reason);
    expect(question).toContain("個人情報は入力しないでください");
    const { content } = await bundledSite();
    const category = (await request(app).get("/categories/access-errors").expect(200)).text;
    expect(category.match(/この回答で問題は解決しましたか？/g)?.length).toBe(
      content.questions.filter((q) => q.category === "access-errors").length,
    );
  });

  it("holds the reason and comment fields once per page, in a template the script fills into a widget", async () => {
    const { app } = await site();
    for (const path of ["/questions/ae03", "/categories/access-errors"]) {
      const page = (await request(app).get(path).expect(200)).text;
      expect(page.match(/<template data-feedback-template>/g)?.length).toBe(1);
      expect(page.match(/data-feedback-more/g)?.length).toBe(1);
      expect(page.match(/個人情報は入力しないでください/g)?.length).toBe(1);
      expect(page).toContain('id="fb-{question}-comment"');
    }
  });

  it("is absent without a recorder (ANALYTICS=off, the static export), and the routes do not exist", async () => {
    const { app } = await bundledSite();
    expect((await request(app).get("/questions/ae03")).text).not.toContain("この回答で問題は解決しましたか？");
    await request(app).post("/api/feedback").send({ question: "ae03", helpful: true }).expect(404);
  });
});

describe("POST /api/feedback", () => {
  it("takes a vote: 201 {ok:true}, stored once the queue is written", async () => {
    const { app, votes } = await site();
    const res = await request(app).post("/api/feedback").send({ question: "ae03", helpful: true }).expect(201);
    expect(res.body).toEqual({ ok: true });
    expect(await votes()).toEqual([{ question_id: "ae03", helpful: 1, reason: null, comment: null }]);
  });

  it("a later vote from the same reader that day replaces the earlier one; another reader counts apart", async () => {
    const { app, votes } = await site();
    await request(app)
      .post("/api/feedback")
      .set("User-Agent", "reader-a")
      .send({ question: "ae03", helpful: true })
      .expect(201);
    await request(app)
      .post("/api/feedback")
      .set("User-Agent", "reader-a")
      .send({ question: "ae03", helpful: false, reason: "unclear", comment: "手順 3 が分かりません" })
      .expect(201);
    await request(app)
      .post("/api/feedback")
      .set("User-Agent", "reader-b")
      .send({ question: "ae03", helpful: true })
      .expect(201);
    expect(await votes()).toEqual([
      { question_id: "ae03", helpful: 0, reason: "unclear", comment: "手順 3 が分かりません" },
      { question_id: "ae03", helpful: 1, reason: null, comment: null },
    ]);
  });

  it("one address gets at most 3 votes per answer and day, however many User-Agents it sends", async () => {
    const { app, votes } = await site();
    for (let i = 0; i < 12; i++)
      await request(app)
        .post("/api/feedback")
        .set("User-Agent", `forged agent ${i}`)
        .send({ question: "ae03", helpful: false })
        .expect(201);
    expect((await votes()).length).toBe(3);
  });

  it("one address leaves at most 20 comments a day; the 21st is a 429 that says a vote alone still goes", async () => {
    const { app, votes } = await site();
    const { content } = await bundledSite();
    const ids = content.questions.map((q) => q.id);
    for (let i = 0; i < 20; i++)
      await request(app)
        .post("/api/feedback")
        .send({ question: ids[i], helpful: false, comment: `コメント ${i}` })
        .expect(201);
    const refused = await request(app)
      .post("/api/feedback")
      .send({ question: ids[20], helpful: false, comment: "もう一件" })
      .expect(429);
    expect(refused.body.error).toContain("without one");
    await request(app).post("/api/feedback").send({ question: ids[20], helpful: false }).expect(201);
    expect((await votes()).filter((vote) => vote.comment !== null).length).toBe(20);
  });

  it("redacts e-mail addresses, phone numbers and long numbers in the comment before storing it", async () => {
    const { app, votes } = await site();
    await request(app)
      .post("/api/feedback")
      .send({ question: "ae03", helpful: false, comment: "taro@example.com / 090-1234-5678 / 会員番号 1234567" })
      .expect(201);
    expect((await votes())[0]?.comment).toBe("[メール] / [電話番号] / 会員番号 [数字]");
  });

  it("a suggestion chosen while the index is still being built is recorded with what its search finds, once it can", async () => {
    const { content } = await bundledSite();
    let finish: (index: SearchIndex) => void = () => undefined;
    const { app, searches } = await site({ searchIndex: new Promise<SearchIndex>((resolve) => (finish = resolve)) });
    let answered = false;
    const beacon = request(app)
      .post("/api/events")
      .set("Content-Type", "application/json")
      .send({ type: "suggest", q: "AE03", id: "ae03", position: 1 })
      .then((res) => {
        answered = true;
        return res;
      });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(answered).toBe(false);
    finish(buildSearchIndex(documentsFromContent(content), { synonyms: content.synonyms }));
    expect((await beacon).status).toBe(204);
    // Not a search that found nothing: the no-results report must not count it.
    expect(await searches()).toEqual([
      expect.objectContaining({
        query: "ae03",
        source: "suggest",
        top_result: "ae03",
        code_match: 1,
        clicked_question: "ae03",
      }),
    ]);
    expect((await searches())[0]?.results).toBeGreaterThan(0);
  });

  it.each([
    ["an unknown question", { question: "nope", helpful: true }, 400, "There is no question"],
    ["helpful missing", { question: "ae03" }, 400, "helpful must be true or false"],
    ["helpful not a boolean", { question: "ae03", helpful: "yes" }, 400, "helpful must be true or false"],
    ["an unknown reason", { question: "ae03", helpful: false, reason: "boring" }, 400, "reason must be one of"],
    [
      "a comment over 1,000 characters",
      { question: "ae03", helpful: false, comment: "あ".repeat(1001) },
      400,
      "at most 1000 characters",
    ],
  ])("refuses %s with %s and stores nothing", async (_what, body, status, error) => {
    const { app, votes } = await site();
    const res = await request(app).post("/api/feedback").send(body).expect(status).expect("content-type", /json/);
    expect(res.body.error).toContain(error);
    expect(await votes()).toEqual([]);
  });

  it("refuses a body over 8 KB with 413 and stores nothing", async () => {
    const { app, votes } = await site();
    const res = await request(app)
      .post("/api/feedback")
      .send({ question: "ae03", helpful: false, comment: "x".repeat(9000) })
      .expect(413);
    expect(res.body.error).toContain("8 KB");
    expect(await votes()).toEqual([]);
  });

  it("refuses a wrong content type with 415, and malformed JSON with 400", async () => {
    const { app, votes } = await site();
    await request(app)
      .post("/api/feedback")
      .set("Content-Type", "text/plain")
      .send('{"question":"ae03","helpful":true}')
      .expect(415);
    await request(app).post("/api/feedback").set("Content-Type", "application/json").send('{"question":').expect(400);
    expect(await votes()).toEqual([]);
  });

  it.each([
    ["Origin from another site", { Origin: "https://evil.example" }],
    ["Sec-Fetch-Site: cross-site", { "Sec-Fetch-Site": "cross-site" }],
  ])("refuses a cross-site request (%s) with 403 and stores nothing", async (_what, headers) => {
    const { app, votes } = await site();
    await request(app).post("/api/feedback").set(headers).send({ question: "ae03", helpful: true }).expect(403);
    expect(await votes()).toEqual([]);
  });

  it("accepts a same-origin request that says so", async () => {
    const { app } = await site();
    await request(app)
      .post("/api/feedback")
      .set("Sec-Fetch-Site", "same-origin")
      .send({ question: "ae03", helpful: true })
      .expect(201);
  });

  it("past FEEDBACK_RATE_LIMIT a minute from one client: 429 with Retry-After, and nothing more stored", async () => {
    const { app, votes } = await site({ feedbackRateLimit: 3 });
    for (const q of ["ae01", "ae02", "ae03"])
      await request(app).post("/api/feedback").send({ question: q, helpful: true }).expect(201);
    const res = await request(app).post("/api/feedback").send({ question: "ae04", helpful: true }).expect(429);
    expect(Number(res.headers["retry-after"])).toBeGreaterThan(0);
    expect((await votes()).map((v) => v.question_id)).toEqual(["ae01", "ae02", "ae03"]);
  });

  type Outage = (analytics: AnalyticsService, file: string) => Promise<() => Promise<void>>;
  const readOnly: Outage = async (analytics) => {
    // The server's own connection turns read-only, as on a disk remounted read-only.
    await sql`pragma query_only = on`.execute(analytics.db);
    return async () => void (await sql`pragma query_only = off`.execute(analytics.db));
  };
  const full: Outage = async (analytics) => {
    // No page may be added: the next write that needs one fails as on a full disk.
    const pages = await sql<{ page_count: number }>`pragma page_count`.execute(analytics.db);
    await sql.raw(`pragma max_page_count = ${pages.rows[0]?.page_count ?? 1}`).execute(analytics.db);
    return async () => void (await sql`pragma max_page_count = 1073741823`.execute(analytics.db));
  };
  const locked: Outage = async (_analytics, file) => {
    // Another connection holds the write lock (a backup, a second server writing a long batch). It is
    // opened the way the server opens its own, so both use the same SQLite library and see each other's locks.
    const other = openDatabase({ kind: "sqlite", file });
    await sql`begin immediate`.execute(other);
    return async () => {
      await sql`commit`.execute(other);
      await other.destroy();
    };
  };

  it.each([
    ["read-only", readOnly],
    ["full", full],
    ["locked", locked],
  ])(
    "with the database %s: 503 with a clear message, pages and search still 200; it recovers by itself",
    async (_state, outage) => {
      const { app, analytics, location } = await site();
      if (location.kind !== "sqlite") throw new Error("these outages are SQLite's");
      await request(app).post("/api/feedback").send({ question: "ae01", helpful: true }).expect(201);
      await analytics.queue.flush();
      const mend = await outage(analytics, location.file);
      // Enough to need new pages in the file: a long comment on each of 19 other answers.
      const { content } = await bundledSite();
      const others = content.questions.map((q) => q.id).filter((id) => id !== "ae01" && id !== "ae04");
      for (const question of others)
        await request(app)
          .post("/api/feedback")
          .send({ question, helpful: false, comment: "あ".repeat(1000) })
          .expect(201);
      await analytics.queue.flush();
      const res = await request(app).post("/api/feedback").send({ question: "ae03", helpful: true }).expect(503);
      expect(res.body.error).toContain("cannot be stored right now");
      const page = await request(app)
        .post("/feedback")
        .type("form")
        .send({ question: "ae03", helpful: "yes" })
        .expect(503);
      expect(page.text).toContain("ただいま評価を受け付けられません");
      await request(app).get("/questions/ae03").expect(200);
      await request(app).get("/search").query({ q: "パスワード" }).expect(200);
      await request(app).get("/api/search").query({ q: "ae03" }).expect(200);
      await analytics.queue.flush();
      // Logged once, not per request or per retry.
      expect(analytics.log.lines.filter((l) => l.level === "error")).toHaveLength(1);
      await mend();
      await analytics.queue.flush();
      await request(app).post("/api/feedback").send({ question: "ae04", helpful: true }).expect(201);
      expect(analytics.log.lines.some((l) => l.message.startsWith("database available again"))).toBe(true);
      // The votes taken when the outage began were kept in the queue and written on recovery.
      await analytics.queue.flush();
      const stored = await analytics.db.selectFrom("feedback_votes").select("question_id").execute();
      expect(stored.length).toBe(others.length + 2);
    },
  );
});

describe("POST /feedback (without JavaScript)", () => {
  it("はい: 303 to a thank-you page that links back", async () => {
    const { app, votes } = await site();
    const res = await request(app)
      .post("/feedback")
      .type("form")
      .send({ question: "ae03", helpful: "yes" })
      .expect(303);
    expect(res.headers.location).toBe("/feedback/thanks?question=ae03&helpful=yes");
    const thanks = (
      await request(app)
        .get(res.headers.location ?? "")
        .expect(200)
    ).text;
    expect(thanks).toContain("ご協力ありがとうございました");
    expect(thanks).toContain('href="/questions/ae03"');
    expect(await votes()).toEqual([{ question_id: "ae03", helpful: 1, reason: null, comment: null }]);
  });

  it("いいえ: the thank-you page asks for a reason; sending it replaces the vote; then related questions and the contact line", async () => {
    const { app, votes } = await site();
    const first = await request(app)
      .post("/feedback")
      .type("form")
      .send({ question: "ae03", helpful: "no" })
      .expect(303);
    const ask = (
      await request(app)
        .get(first.headers.location ?? "")
        .expect(200)
    ).text;
    expect(ask).toContain("解決しなかった理由");
    expect(ask).toMatch(/<form class="feedback feedback--page" method="post" action="\/feedback">/);
    expect(ask).toContain("HP Advantageplus 事務局までお問い合わせください");
    const second = await request(app)
      .post("/feedback")
      .type("form")
      .send({ question: "ae03", helpful: "no", reason: "not-solved", comment: "再起動しても同じでした" })
      .expect(303);
    expect(second.headers.location).toBe("/feedback/thanks?question=ae03&helpful=no&sent=details");
    const done = (
      await request(app)
        .get(second.headers.location ?? "")
        .expect(200)
    ).text;
    expect(done).not.toContain("解決しなかった理由");
    expect(done).toContain("こちらのご質問もご覧ください");
    expect(await votes()).toEqual([
      { question_id: "ae03", helpful: 0, reason: "not-solved", comment: "再起動しても同じでした" },
    ]);
  });

  it("a refused vote is a page that says why, with the right status, and stores nothing", async () => {
    const { app, votes } = await site();
    const bad = await request(app)
      .post("/feedback")
      .type("form")
      .send({ question: "ae03", helpful: "maybe" })
      .expect(400);
    expect(bad.text).toContain("「はい」か「いいえ」をお選びください。");
    expect(bad.text).not.toMatch(/at .*\.(js|ts):\d+/);
    await request(app)
      .post("/feedback")
      .type("form")
      .set("Origin", "https://evil.example")
      .send({ question: "ae03", helpful: "yes" })
      .expect(403);
    await request(app)
      .post("/feedback")
      .type("form")
      .send({ question: "ae03", helpful: "no", comment: "x".repeat(9000) })
      .expect(413);
    await request(app)
      .post("/feedback")
      .set("Content-Type", "application/json")
      .send({ question: "ae03", helpful: "yes" })
      .expect(415);
    expect(await votes()).toEqual([]);
  });

  it("a thank-you page for a question that does not exist is a 404", async () => {
    const { app } = await site();
    await request(app).get("/feedback/thanks?question=nope&helpful=yes").expect(404);
  });

  it("comments are stored as text and never rendered as HTML", async () => {
    const { app, votes } = await site();
    await request(app)
      .post("/feedback")
      .type("form")
      .send({ question: "ae03", helpful: "no", comment: "<script>alert(1)</script>" })
      .expect(303);
    expect((await votes())[0]?.comment).toBe("<script>alert(1)</script>");
  });
});

describe("search analytics", () => {
  it("records each /search results page served, cached or not, normalised and redacted; never /api/search", async () => {
    const { app, searches } = await site();
    await request(app).get("/search").query({ q: "ＡＥ０３" }).expect(200);
    await request(app).get("/search").query({ q: "ＡＥ０３" }).expect(200); // from the cache, still a search
    await request(app).get("/search").query({ q: "taro@example.com パスワード" }).expect(200);
    await request(app).get("/search").query({ q: "天気予報" }).expect(200);
    for (const q of ["ａ", "ａｅ", "ａｅ０", "ａｅ０３"])
      await request(app).get("/api/search").query({ q }).expect(200);
    await request(app).get("/search").expect(200); // the empty form is not a search
    const rows = await searches();
    expect(rows.map((r) => r.query)).toEqual(["ae03", "ae03", "[メール] パスワード", "天気予報"]);
    expect(rows[0]).toMatchObject({ results: expect.any(Number), top_result: "ae03", code_match: 1, source: "page" });
    expect(rows[3]).toMatchObject({ results: 0, top_result: null, code_match: 0 });
  });

  it("a click beacon marks the search it came from with the result and its position", async () => {
    const { app, searches } = await site();
    const page = (await request(app).get("/search").query({ q: "パスワード" }).expect(200)).text;
    // The second result of the page, as the reader's click on it reports it.
    const [, id] = /data-result-id="([^"]+)" data-position="2"/.exec(page) ?? [];
    if (!id) throw new Error("the results page has a second result");
    await request(app)
      .post("/api/events")
      .set("Content-Type", "text/plain")
      .send(JSON.stringify({ type: "click", q: "パスワード", id, position: 2 }))
      .expect(204);
    expect((await searches())[0]).toMatchObject({ query: "パスワード", clicked_question: id, clicked_position: 2 });
  });

  it("a query an operator opens from the dashboard is not recorded as a reader's search", async () => {
    const { app, searches } = await site();
    await request(app)
      .get("/search")
      .query({ q: "請求書" })
      .set("Referer", "http://127.0.0.1/admin/no-results?days=30")
      .expect(200);
    await request(app).get("/search").query({ q: "パスワード" }).set("Referer", "http://127.0.0.1/").expect(200);
    expect((await searches()).map((s) => s.query)).toEqual(["パスワード"]);
  });

  it("a suggestion chosen from search-as-you-type is one finished search with its click", async () => {
    const { app, searches } = await site();
    // The third suggestion the script was shown, as it reports it.
    const suggestions = (await request(app).get("/api/search").query({ q: "パスワード", limit: 8 }).expect(200)).body;
    const id = suggestions.results[2].id as string;
    await request(app)
      .post("/api/events")
      .set("Content-Type", "application/json")
      .send({ type: "suggest", q: "パスワード", id, position: 3 })
      .expect(204);
    expect(await searches()).toEqual([
      expect.objectContaining({ query: "パスワード", source: "suggest", clicked_question: id, clicked_position: 3 }),
    ]);
  });

  it.each([
    ["not JSON", "text/plain", "{", 400],
    ["an unknown type", "application/json", JSON.stringify({ type: "view", q: "a", id: "ae03", position: 1 }), 400],
    [
      "an unknown question",
      "application/json",
      JSON.stringify({ type: "click", q: "a", id: "nope", position: 1 }),
      400,
    ],
    ["a form", "application/x-www-form-urlencoded", "type=click", 415],
  ])("refuses a beacon that is %s, storing nothing", async (_what, type, body, status) => {
    const { app, searches } = await site();
    await request(app).post("/api/events").set("Content-Type", type).send(body).expect(status);
    expect(await searches()).toEqual([]);
  });

  it.each([
    ["an answer the search did not show", { type: "click", q: "パスワード", id: "ae06", position: 1 }],
    ["a real answer at another position", { type: "suggest", q: "ae0", id: "ae03", position: 7 }],
    [
      "junk text no search shows anything for",
      { type: "suggest", q: "買ってください http://spam.example", id: "ae01", position: 1 },
    ],
  ])("refuses a forged beacon: %s, storing nothing", async (_what, beacon) => {
    const { app, searches } = await site();
    const res = await request(app).post("/api/events").set("Content-Type", "application/json").send(beacon).expect(400);
    expect(res.body.error).toContain("does not show that answer");
    expect(await searches()).toEqual([]);
  });

  it("refuses a cross-site beacon", async () => {
    const { app, searches } = await site();
    await request(app)
      .post("/api/events")
      .set("Origin", "https://evil.example")
      .set("Content-Type", "application/json")
      .send({ type: "suggest", q: "ae0", id: "ae03", position: 1 })
      .expect(403);
    expect(await searches()).toEqual([]);
  });
});
