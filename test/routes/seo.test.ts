import request from "supertest";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/web/app/create-app.js";
import { bundledSite } from "../helpers/app.js";

const SITE = "https://faq.example.com";

async function site() {
  const { content } = await bundledSite();
  return { content, app: createApp(content, { siteUrl: SITE }).handle };
}

const jsonLd = (html: string) =>
  [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map(
    (m) => JSON.parse(m[1] ?? "null") as Record<string, unknown>,
  );
const meta = (html: string, attr: string, name: string) =>
  new RegExp(`<meta ${attr}="${name}" content="([^"]*)"`).exec(html)?.[1];

describe("search engines and link previews", () => {
  it("every indexable page has a unique title, a description, a canonical URL from SITE_URL and Open Graph tags", async () => {
    const { app, content } = await site();
    const paths = [
      "/",
      ...content.categories.map((c) => `/categories/${c.id}`),
      ...content.questions.map((q) => `/questions/${q.id}`),
    ];
    const titles = new Set<string>();
    for (const path of paths) {
      const html = (await request(app).get(path).expect(200)).text;
      const title = /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? "";
      titles.add(title);
      expect(meta(html, "name", "description"), path).toMatch(/\S/);
      expect(html, path).toContain(`<link rel="canonical" href="${SITE}${path}">`);
      expect(meta(html, "property", "og:url"), path).toBe(`${SITE}${path}`);
      expect(meta(html, "property", "og:title"), path).toBe(title);
      expect(html, path).toContain('<link rel="search" type="application/opensearchdescription+xml"');
    }
    expect(titles.size).toBe(paths.length);
  });

  it("home: WebSite (name, alternateName) and Organization", async () => {
    const { app } = await site();
    const data = jsonLd((await request(app).get("/")).text);
    expect(data.map((d) => d["@type"])).toEqual(["WebSite", "Organization"]);
    expect(data[0]).toMatchObject({
      name: "HP Advantageplus よくあるご質問",
      alternateName: expect.any(Array),
      url: `${SITE}/`,
    });
  });

  it("category: BreadcrumbList and FAQPage with exactly the questions and answers shown", async () => {
    const { app, content } = await site();
    const data = jsonLd((await request(app).get("/categories/account-integration")).text);
    expect(data.map((d) => d["@type"])).toEqual(["BreadcrumbList", "FAQPage"]);
    const shown = content.questions.filter((q) => q.category === "account-integration");
    expect(data[1]?.mainEntity).toEqual(
      shown.map((q) => ({ "@type": "Question", name: q.title, acceptedAnswer: { "@type": "Answer", text: q.html } })),
    );
    expect(data[0]?.itemListElement).toEqual([
      { "@type": "ListItem", position: 1, name: "ホーム", item: `${SITE}/` },
      {
        "@type": "ListItem",
        position: 2,
        name: "アカウント統合について",
        item: `${SITE}/categories/account-integration`,
      },
    ]);
  });

  it("question: BreadcrumbList of three", async () => {
    const { app } = await site();
    const data = jsonLd((await request(app).get("/questions/ae01")).text);
    expect(data.map((d) => d["@type"])).toEqual(["BreadcrumbList"]);
    expect((data[0]?.itemListElement as unknown[] | undefined)?.length).toBe(3);
  });

  it("escapes < inside JSON-LD so an answer cannot close the script element", async () => {
    const { app } = await site();
    const html = (await request(app).get("/categories/access-errors")).text;
    const blocks = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map(
      (m) => m[1] ?? "",
    );
    for (const block of blocks) expect(block).not.toContain("<");
    expect(blocks.join("")).toContain("\\u003cp>");
  });

  it("results and error pages are noindex and have no canonical", async () => {
    const { app } = await site();
    for (const path of ["/search?q=ae01", "/nope"]) {
      const html = (await request(app).get(path)).text;
      expect(meta(html, "name", "robots"), path).toBe("noindex");
      expect(html, path).not.toContain('rel="canonical"');
    }
  });

  it("/sitemap.xml lists home, categories and questions with lastmod from the content", async () => {
    const { app, content } = await site();
    const xml = (await request(app).get("/sitemap.xml").expect(200).expect("content-type", /xml/)).text;
    const locs = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
    expect(locs).toHaveLength(1 + content.categories.length + content.questions.length);
    expect(locs).toContain(`${SITE}/questions/ae06`);
    expect(xml).toContain(`<url><loc>${SITE}/questions/ae06</loc><lastmod>2026-11-24</lastmod></url>`);
  });

  it("/robots.txt names the sitemap; /opensearch.xml has a {searchTerms} template for /search", async () => {
    const { app } = await site();
    expect((await request(app).get("/robots.txt").expect(200)).text).toContain(`Sitemap: ${SITE}/sitemap.xml`);
    const open = (
      await request(app)
        .get("/opensearch.xml")
        .expect(200)
        .expect("content-type", /opensearchdescription\+xml/)
    ).text;
    expect(open).toContain(`template="${SITE}/search?q={searchTerms}"`);
  });
});
