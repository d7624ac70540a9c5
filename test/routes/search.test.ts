import request from "supertest";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/web/app/create-app.js";
import { bundledSite } from "../helpers/app.js";
import { linksOf, mainOf, textOf } from "../helpers/html.js";

describe("GET /api/search", () => {
  it("returns the contract's JSON, best first", async () => {
    const { app } = await bundledSite();
    const res = await request(app)
      .get("/api/search")
      .query({ q: "ae03" })
      .expect(200)
      .expect("content-type", /application\/json/);
    expect(res.body.query).toBe("ae03");
    expect(res.body.total).toBeGreaterThanOrEqual(1);
    expect(res.body.results[0]).toEqual({
      id: "ae03",
      title: "エラーコード: AE03 が表示されてサインインできません",
      url: "/questions/ae03",
      anchorUrl: "/categories/access-errors#ae03",
      category: { id: "access-errors", title: "HP Advantageplus のアクセスエラー" },
      snippet: expect.stringContaining("HP アカウント"),
      score: expect.any(Number),
    });
  });

  it("defaults to 10 results and honours limit", async () => {
    const { app } = await bundledSite();
    const many = await request(app).get("/api/search").query({ q: "HP アカウント" }).expect(200);
    expect(many.body.results.length).toBeLessThanOrEqual(10);
    expect(many.body.total).toBeGreaterThan(10);
    const two = await request(app).get("/api/search").query({ q: "HP アカウント", limit: "2" }).expect(200);
    expect(two.body.results).toHaveLength(2);
    expect(two.body.total).toBe(many.body.total);
  });

  it("answers a query with no match with an empty list", async () => {
    const { app } = await bundledSite();
    const res = await request(app).get("/api/search").query({ q: "天気予報" }).expect(200);
    expect(res.body).toEqual({ query: "天気予報", total: 0, results: [] });
  });

  it.each([
    ["", "q is required"],
    ["?q=", "q must not be empty"],
    ["?q=%20%20", "q must not be empty"],
    ["?q=a&q=b", "q must be given once"],
    ["?q[x]=1", "q must be given once"],
    [`?q=${"a".repeat(201)}`, "at most 200 characters"],
    ["?q=a&limit=0", "limit must be a whole number from 1 to 50"],
    ["?q=a&limit=51", "limit must be a whole number from 1 to 50"],
    ["?q=a&limit=1.5", "limit must be a whole number from 1 to 50"],
    ["?q=a&limit=abc", "limit must be a whole number from 1 to 50"],
    ["?q=a&limit=1&limit=2", "limit must be a whole number from 1 to 50"],
  ])("/api/search%s → 400 JSON error", async (qs, error) => {
    const { app } = await bundledSite();
    const res = await request(app)
      .get(`/api/search${qs}`)
      .expect(400)
      .expect("content-type", /application\/json/);
    expect(res.body).toEqual({ error: expect.stringContaining(error) });
  });
});

describe("GET /search", () => {
  it("keeps the query in the box, shows the count, links each title and marks matched words", async () => {
    const { app } = await bundledSite();
    const res = await request(app).get("/search").query({ q: "パスワード" }).expect(200);
    const main = mainOf(res.text);
    expect(res.text).toMatch(/<input[^>]*id="header-search-input"[^>]*value="パスワード"/);
    expect(textOf(main)).toMatch(/\d+ 件のご質問が見つかりました/);
    expect(linksOf(main).map((l) => l.href)).toContain("/questions/forgot-password");
    expect(main).toContain("<mark>パスワード</mark>");
    expect(main).toContain("HP アカウント/パスワードについて");
  });

  it("shows the exact error-code answer in full above the list", async () => {
    const { app, content } = await bundledSite();
    const res = await request(app).get("/search").query({ q: "ＡＥ０３" }).expect(200);
    const featured = /<section class="featured-answer"[\s\S]*?<\/section>/.exec(res.text)?.[0] ?? "";
    expect(featured).toContain(content.questionById.get("ae03")?.html);
    expect(featured).toContain("エラーコードに一致する回答");
    expect(res.text).toContain("「ＡＥ０３」にエラーコードに一致する回答です");
    // The answer is not listed a second time below itself.
    expect(res.text.match(/data-result-id="ae03"/g)).toHaveLength(1);
  });

  it("when one answer clearly wins, shows it in full first and the rest under その他の候補", async () => {
    const { app, content } = await bundledSite();
    const res = await request(app).get("/search").query({ q: "パスワードを忘れた" }).expect(200);
    const featured = /<section class="featured-answer"[\s\S]*?<\/section>/.exec(res.text)?.[0] ?? "";
    expect(featured).toContain("最も当てはまる回答");
    expect(featured).toContain(content.questionById.get("forgot-password")?.html);
    if (res.text.includes("search-results")) {
      expect(res.text.indexOf("featured-answer")).toBeLessThan(res.text.indexOf("その他の候補"));
      expect(res.text).toMatch(/data-result-id="[^"]+" data-position="2"/);
    }
    expect(res.text).not.toMatch(/\d+ 件のご質問が見つかりました/);
  });

  it("a broad query lists a few answers with their count, none featured", async () => {
    const { app } = await bundledSite();
    const res = await request(app).get("/search").query({ q: "ログインできない" }).expect(200);
    const count = Number(/(\d+) 件のご質問が見つかりました/.exec(res.text)?.[1]);
    expect(count).toBeGreaterThan(0);
    expect(count).toBeLessThanOrEqual(8);
  });

  it("a query with no result offers the nearby spelling as a link to that search", async () => {
    const { app } = await bundledSite();
    const res = await request(app).get("/search").query({ q: "advantagepuls" }).expect(200);
    expect(res.text).toContain("に一致するご質問は見つかりませんでした");
    expect(res.text).toContain(`もしかして: <a href="/search?q=Advantageplus">Advantageplus</a>`);
  });

  it("a query with a word the FAQ never uses finds nothing, and offers the known word it is close to", async () => {
    const { app } = await bundledSite();
    const res = await request(app).get("/search").query({ q: "ログオンできない" }).expect(200);
    expect(res.text).toContain("に一致するご質問は見つかりませんでした");
    expect(res.text).toMatch(/もしかして: <a href="\/search\?q=[^"]+">ログインできない<\/a>/);
    const unrelated = await request(app).get("/search").query({ q: "プリンター設定" }).expect(200);
    expect(unrelated.text).toContain("に一致するご質問は見つかりませんでした");
    expect(unrelated.text).not.toContain("blank-screen-after-login");
  });

  it("an error code that does not exist says so and names the ones that do", async () => {
    const { app } = await bundledSite();
    const res = await request(app).get("/search").query({ q: "AE7" }).expect(200);
    expect(res.text).toContain(
      "エラーコード「AE07」はありません。表示されるエラーコードは AE01、AE02、AE03、AE04、AE05、AE06 のいずれかです。",
    );
  });

  it("never echoes the query as markup", async () => {
    const { app } = await bundledSite();
    const attack = '"><script>alert(1)</script><img src=x onerror=alert(1)>パスワード';
    const res = await request(app).get("/search").query({ q: attack }).expect(200);
    expect(res.text).not.toContain("<script>alert(1)</script>");
    expect(res.text).not.toContain("<img src=x");
    expect(res.text).toContain("&lt;script&gt;");
  });

  it("a query with no match gets a helpful page: the error codes, the categories and whom to contact", async () => {
    const { app } = await bundledSite();
    const res = await request(app).get("/search").query({ q: "天気予報" }).expect(200);
    const main = mainOf(res.text);
    expect(textOf(main)).toContain("「天気予報」に一致するご質問は見つかりませんでした。");
    const links = linksOf(main).map((l) => l.href);
    expect(links).toEqual(
      expect.arrayContaining([
        "/questions/ae01",
        "/questions/ae06",
        "/categories/hp-account",
        "/categories/access-errors",
      ]),
    );
    expect(textOf(main)).toContain("HP Advantageplus 事務局");
  });

  it("with no query shows the search form and the ways in", async () => {
    const { app } = await bundledSite();
    const res = await request(app).get("/search").expect(200);
    expect(mainOf(res.text)).toContain("<h1>ご質問を検索</h1>");
  });

  it.each(["?q=a&q=b", `?q=${"あ".repeat(201)}`])("%s is a 400 page in Japanese", async (qs) => {
    const { app } = await bundledSite();
    const res = await request(app).get(`/search${qs}`).expect(400).expect("content-type", /html/);
    expect(textOf(mainOf(res.text))).toMatch(/検索する言葉/);
  });
});

describe("search caching", () => {
  it("answers each form of the same query with its own echo, and revalidates with 304", async () => {
    const { app } = await bundledSite();
    const wide = await request(app).get("/api/search").query({ q: "ＡＥ０１" }).expect(200);
    const narrow = await request(app).get("/api/search").query({ q: "ae01" }).expect(200);
    expect(wide.body.query).toBe("ＡＥ０１");
    expect(narrow.body.query).toBe("ae01");
    expect(narrow.body.results).toEqual(wide.body.results);
    await request(app)
      .get("/api/search")
      .query({ q: "ae01" })
      .set("If-None-Match", narrow.headers.etag ?? "")
      .expect(304);
  });

  it("answers a query string asked again as the first time, whether it was valid or refused", async () => {
    const { app } = await bundledSite();
    for (let time = 0; time < 2; time++) {
      expect(
        (await request(app).get("/api/search?q=HP+%E3%82%A2%E3%82%AB%E3%82%A6%E3%83%B3%E3%83%88&limit=2").expect(200))
          .body.results,
      ).toHaveLength(2);
      expect(
        (await request(app).get("/api/search?q=HP+%E3%82%A2%E3%82%AB%E3%82%A6%E3%83%B3%E3%83%88&limit=3").expect(200))
          .body.results,
      ).toHaveLength(3);
      expect((await request(app).get("/api/search?q=a&limit=0").expect(400)).body.error).toMatch(/limit must be/);
      expect(textOf(mainOf((await request(app).get("/search?q=a&q=b").expect(400)).text))).toMatch(/検索する言葉/);
      expect(mainOf((await request(app).get("/search?q=").expect(200)).text)).toContain("<h1>ご質問を検索</h1>");
    }
    // One query string on both routes: each answers in its own form.
    await request(app).get("/api/search?q=AE01").expect(200).expect("content-type", /json/);
    await request(app).get("/search?q=AE01").expect(200).expect("content-type", /html/);
    await request(app).get("/api/search?q=AE01").expect(200).expect("content-type", /json/);
    // Two spellings of one query string are one search, with one echo; the results page has no limit to set.
    const plus = await request(app).get("/search?q=AE01+%E3%82%A8%E3%83%A9%E3%83%BC").expect(200);
    const escaped = await request(app).get("/search?q=AE01%20%E3%82%A8%E3%83%A9%E3%83%BC&limit=1").expect(200);
    expect(mainOf(escaped.text)).toBe(mainOf(plus.text));
    // The header's search box, the page's only one, holds the query as typed.
    expect(plus.text).toContain('value="AE01 エラー"');
    expect(plus.text.match(/<form[^>]*role="search"/g)).toHaveLength(1);
  });
});

describe("synonyms from content/synonyms.md", () => {
  it("finds メールアドレス answers for メアド", async () => {
    const { app } = await bundledSite();
    const res = await request(app).get("/api/search").query({ q: "メアド変えたい" }).expect(200);
    expect(res.body.results[0]?.id).toBe("change-email-address");
  });
});

describe("search rate limit", () => {
  it("one budget per client covers /api/search and /search; past it, 429 with Retry-After in each route's form", async () => {
    const { content } = await bundledSite();
    const app = createApp(content, { search: { perMinute: 3 } }).handle;
    await request(app).get("/api/search").query({ q: "ae01" }).expect(200);
    await request(app).get("/search").query({ q: "ae02" }).expect(200);
    await request(app).get("/api/search").query({ q: "ae03" }).expect(200);
    const api = await request(app)
      .get("/api/search")
      .query({ q: "ae04" })
      .expect(429)
      .expect("content-type", /application\/json/);
    expect(api.body).toEqual({ error: expect.stringContaining("Too many searches") });
    expect(Number(api.headers["retry-after"])).toBeGreaterThan(0);
    const page = await request(app)
      .get("/search")
      .query({ q: "ae04" })
      .expect(429)
      .expect("content-type", /text\/html/);
    expect(page.text).toContain("しばらく検索できません");
    expect(Number(page.headers["retry-after"])).toBeGreaterThan(0);
    // Reading is never limited.
    await request(app).get("/questions/ae04").expect(200);
  });

  it("0 turns it off", async () => {
    const { content } = await bundledSite();
    const app = createApp(content, { search: { perMinute: 0 } }).handle;
    for (let i = 0; i < 20; i++) await request(app).get("/api/search").query({ q: "ae01" }).expect(200);
  });

  it("the default lets a fast typist through: one request per keystroke for a long query, then the results page", async () => {
    const { content } = await bundledSite();
    const app = createApp(content).handle;
    const typed = "パスワードを忘れてしまいました確認コードが届かない";
    for (let i = 1; i <= typed.length; i++)
      await request(app)
        .get("/api/search")
        .query({ q: typed.slice(0, i) })
        .expect(200);
    await request(app).get("/search").query({ q: typed }).expect(200);
  });
});

describe("methods", () => {
  it.each(["/", "/questions/ae01", "/search", "/api/search"])("POST %s is 405 with Allow: GET, HEAD", async (path) => {
    const { app } = await bundledSite();
    const res = await request(app).post(path).expect(405);
    expect(res.headers.allow).toBe("GET, HEAD");
  });
});

describe("the API never carries markup", () => {
  it("escapes < in the JSON it echoes, which JSON.parse reads back unchanged", async () => {
    const { app } = await bundledSite();
    const res = await request(app).get("/api/search").query({ q: "<script>alert(1)</script>" }).expect(200);
    expect(res.text).not.toContain("<script>");
    expect(res.body.query).toBe("<script>alert(1)</script>");
  });
});
