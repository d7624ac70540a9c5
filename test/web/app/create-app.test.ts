import request from "supertest";
import { describe, expect, it } from "vitest";
import { createApp } from "../../../src/web/app/create-app.js";
import { compileTemplates } from "../../../src/web/pages/templates.js";
import { bundledSite } from "../../helpers/app.js";
import { linksOf, mainOf, textOf } from "../../helpers/html.js";

describe("pages", () => {
  it("home: site name, a search form that GETs /search, and every category", async () => {
    const { app, content } = await bundledSite();
    const res = await request(app)
      .get("/")
      .expect(200)
      .expect("content-type", /text\/html; charset=utf-8/);
    expect(res.text).toContain('<html lang="ja">');
    expect(res.text).toContain("<h1>HP Advantageplus よくあるご質問</h1>");
    expect(res.text).toMatch(/<form class="search-form" action="\/search" method="get" role="search">/);
    expect(res.text).toMatch(/<input[^>]*name="q"/);
    for (const category of content.categories) expect(res.text).toContain(`href="/categories/${category.id}"`);
  });

  it("category page: h1, description, question list, and each answer inside an element with the question's id", async () => {
    const { app, content } = await bundledSite();
    const res = await request(app).get("/categories/access-errors").expect(200);
    const main = mainOf(res.text);
    expect(main).toContain("<h1>HP Advantageplus のアクセスエラー</h1>");
    expect(main).toContain(content.categoryById.get("access-errors")?.description);
    const questions = content.questions.filter((q) => q.category === "access-errors");
    expect(questions).toHaveLength(8);
    for (const question of questions) {
      const section =
        new RegExp(`<article class="faq-item" id="${question.id}"[\\s\\S]*?</article>`).exec(main)?.[0] ?? "";
      expect(section, question.id).toContain(question.html);
      const hrefs = linksOf(section).map((l) => l.href);
      expect(hrefs[0], "title links to the question's own page").toBe(`/questions/${question.id}`);
      expect(hrefs.at(-1), "copy-link control").toBe(`/categories/access-errors#${question.id}`);
      expect(section).toContain("data-copy-link");
    }
  });

  it("question page: h1, answer, breadcrumb, related questions, previous and next in its category", async () => {
    const { app } = await bundledSite();
    const res = await request(app).get("/questions/ae03").expect(200);
    expect(mainOf(res.text)).toContain("<h1>エラーコード: AE03 が表示されてサインインできません</h1>");
    const breadcrumb = /<nav class="breadcrumb"[\s\S]*?<\/nav>/.exec(res.text)?.[0] ?? "";
    expect(linksOf(breadcrumb)).toEqual([
      { href: "/", text: "ホーム" },
      { href: "/categories/access-errors", text: "HP Advantageplus のアクセスエラー" },
    ]);
    expect(textOf(breadcrumb)).toContain("エラーコード: AE03 が表示されてサインインできません");
    const related = /<section class="section related"[\s\S]*?<\/section>/.exec(res.text)?.[0] ?? "";
    expect(linksOf(related).map((l) => l.href)).toEqual([
      "/questions/integration-email-not-received",
      "/questions/ae05",
    ]);
    expect(res.text).toMatch(/<a class="pager__link pager__link--previous" href="\/questions\/ae02" rel="prev">/);
    expect(res.text).toMatch(/<a class="pager__link pager__link--next" href="\/questions\/ae04" rel="next">/);
  });

  it("the first question of a category has no previous link and the last no next", async () => {
    const { app } = await bundledSite();
    const first = await request(app).get("/questions/what-is-hp-account").expect(200);
    expect(first.text).not.toContain('rel="prev"');
    const last = await request(app).get("/questions/ae06").expect(200);
    expect(last.text).not.toContain('rel="next"');
  });

  it("the seed's placeholder link works as a link to the question it names", async () => {
    const { app } = await bundledSite();
    const res = await request(app).get("/questions/account-locked").expect(200);
    const href = linksOf(mainOf(res.text)).find(
      (l) => l.text === "HP アカウントのパスワードを忘れてしまいました",
    )?.href;
    expect(href).toBe("/questions/forgot-password");
    await request(app)
      .get(href ?? "")
      .expect(200);
  });

  it("answers' URLs and e-mail addresses are links", async () => {
    const { app } = await bundledSite();
    const where = await request(app).get("/questions/where-to-use-hp-account").expect(200);
    expect(linksOf(where.text).map((l) => l.href)).toEqual(
      expect.arrayContaining([
        "https://h30125.www3.hp.com/hpcsn/",
        "https://s360.hp.com/index.do?cty_id=ap5",
        "https://esam.hp.com/apj/index.do?cty_id=5",
        "https://support.hp.com/jp-ja/",
      ]),
    );
    const code = await request(app).get("/questions/verification-code-not-received").expect(200);
    expect(code.text).toContain('<a href="mailto:no-reply@id.hp.com">no-reply@id.hp.com</a>');
  });
});

describe("/errors/:code", () => {
  it.each([
    ["AE01", "ae01"],
    ["ae1", "ae01"],
    ["AE-03", "ae03"],
    ["ae 03", "ae03"],
    ["ＡＥ－０６", "ae06"],
    ["ＡＥ０４", "ae04"],
    ["Ae05", "ae05"],
  ])("%s redirects permanently to its question", async (code, id) => {
    const { app } = await bundledSite();
    await request(app)
      .get(`/errors/${encodeURIComponent(code)}`)
      .expect(301)
      .expect("location", `/questions/${id}`);
  });

  it.each(["AE07", "XX01", "AE", "パスワード"])(
    "unknown code %s gets the 404 page listing the error-code questions",
    async (code) => {
      const { app } = await bundledSite();
      const res = await request(app)
        .get(`/errors/${encodeURIComponent(code)}`)
        .expect(404);
      const links = linksOf(mainOf(res.text)).map((l) => l.href);
      for (const id of ["ae01", "ae02", "ae03", "ae04", "ae05", "ae06"]) expect(links).toContain(`/questions/${id}`);
    },
  );

  it("names an unknown code in its canonical form", async () => {
    const { app } = await bundledSite();
    const res = await request(app).get("/errors/ae-7").expect(404);
    expect(res.text).toContain("エラーコード「AE07」についてのご質問は見つかりませんでした");
  });

  it("echoes nothing of a path that is not a code: no markup, no control characters, no long text", async () => {
    const { app } = await bundledSite();
    const plain = (await request(app).get("/nope").expect(404)).text;
    for (const raw of ["<b>x</b>", "\u202eAE07\u0007", "x".repeat(8000)]) {
      const res = await request(app)
        .get(`/errors/${encodeURIComponent(raw)}`)
        .expect(404);
      expect(res.text).not.toContain("<b>x</b>");
      expect(res.text).not.toContain("&lt;b&gt;");
      expect(res.text).not.toContain("\u202e");
      expect(res.text).not.toContain("xxxxxxxx");
      expect(res.text.length).toBeLessThan(plain.length + 200);
    }
  });
});

describe("not found and errors", () => {
  it.each([
    "/nope",
    "/questions/nope",
    "/categories/nope",
    "/questions",
    "/questions/__proto__",
    "/categories/constructor",
  ])("%s is a 404 page in the site layout with a search box and the categories", async (path) => {
    const { app } = await bundledSite();
    const res = await request(app).get(path).expect(404).expect("content-type", /html/);
    expect(res.text).toContain("<h1 data-not-found>ページが見つかりません</h1>");
    expect(res.text).toContain('name="q"');
    expect(res.text).toContain('href="/categories/hp-account"');
  });

  it("a malformed URL is a 400 page, not a stack trace", async () => {
    const { app } = await bundledSite();
    const res = await request(app).get("/questions/%E0%A4%A").expect(400);
    expect(res.text).toContain("<h1>リクエストが正しくありません</h1>");
    expect(res.text).not.toMatch(/at .*\.(js|ts):\d+/);
  });
});

describe("service routes", () => {
  it("/healthz reports status and the number of questions", async () => {
    const { app } = await bundledSite();
    const res = await request(app).get("/healthz").expect(200).expect("content-type", /json/);
    expect(res.body).toEqual({ status: "ok", questions: 21 });
  });

  it("serves public/ as static files", async () => {
    const { app } = await bundledSite();
    const res = await request(app)
      .get("/css/site.css")
      .expect(200)
      .expect("content-type", /text\/css/);
    expect(res.text).toContain("scroll-margin-top");
  });

  it("sends helmet's security headers on every response, and no X-Powered-By", async () => {
    const { app } = await bundledSite();
    for (const path of ["/", "/nope", "/healthz", "/css/site.css", "/errors/ae01"]) {
      const res = await request(app).get(path);
      expect(res.headers["content-security-policy"], path).toMatch(/^default-src '(self|none)'/);
      expect(res.headers["x-content-type-options"], path).toBe("nosniff");
      expect(res.headers["x-powered-by"], path).toBeUndefined();
    }
  });

  it("HEAD works like GET without a body", async () => {
    const { app } = await bundledSite();
    const res = await request(app).head("/questions/ae01").expect(200);
    expect(res.text ?? "").toBe("");
  });
});

describe("fast path failures", () => {
  it("a failure while answering a search is a 500 page, reported once to onError, and the app keeps serving", async () => {
    const { content } = await bundledSite();
    const real = compileTemplates();
    const errors: unknown[] = [];
    const failing = createApp(content, {
      templates: (name, data) => {
        if (name === "search" && "hits" in data && Array.isArray(data.hits) && data.hits.length > 0)
          throw new Error(`boom in ${process.cwd()}`);
        return real(name, data);
      },
      logging: { onError: (error) => errors.push(error) },
    }).handle;
    const res = await request(failing).get("/search").query({ q: "パスワード" }).expect(500);
    expect(res.text).toContain("<h1>エラーが発生しました</h1>");
    expect(res.text).not.toContain("boom");
    expect(errors).toEqual([expect.objectContaining({ message: expect.stringContaining("boom") })]);
    await request(failing).get("/questions/ae01").expect(200);
  });
});
