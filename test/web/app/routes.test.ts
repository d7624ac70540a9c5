import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateContent } from "../../../bench/generate-content.js";
import type { AnalyticsService } from "../../../src/analytics/analytics-service.js";
import { Operators } from "../../../src/admin/operators.js";
import { loadContent } from "../../../src/content/load-content.js";
import { createMetrics } from "../../../src/ops/metrics.js";
import { projectRoot } from "../../../src/paths.js";
import { createApp, type RequestListener } from "../../../src/web/app/create-app.js";
import { compileRoutes } from "../../../src/web/app/route-match.js";
import { ROUTES, type RouteRow } from "../../../src/web/app/routes.js";
import { readyAnalytics } from "../../helpers/analytics.js";
import { bundledSite } from "../../helpers/app.js";
import { testDatabases } from "../../helpers/databases.js";

const TOKEN = "a metrics token long enough";

/**
 * One request per row, as a reader, a script or an operator's browser sends it, with the status that row
 * answers it with (a signed-out operator is sent to the sign-in page, a CSV is refused unsigned).
 */
const EXAMPLES: Record<string, { url: string; status: number; send?: object; type?: string; auth?: boolean }> = {
  "GET /": { url: "/", status: 200 },
  "GET /categories/:id": { url: "/categories/hp-account", status: 200 },
  "GET /categories/:id/page/:n": { url: "/categories/hp-account/page/2", status: 200 },
  "GET /questions/:id": { url: "/questions/ae01", status: 200 },
  "GET /assets/*file": { url: "(the stylesheet the home page links to)", status: 200 },
  "GET /sitemap.xml": { url: "/sitemap.xml", status: 200 },
  "GET /robots.txt": { url: "/robots.txt", status: 200 },
  "GET /opensearch.xml": { url: "/opensearch.xml", status: 200 },
  "GET /search": { url: "/search?q=AE01", status: 200 },
  "GET /api/search": { url: "/api/search?q=AE01", status: 200 },
  "POST /api/feedback": { url: "/api/feedback", status: 201, send: { question: "ae01", helpful: true } },
  "GET /errors/:code": { url: "/errors/ae1", status: 301 },
  "GET /contact": { url: "/contact?question=ae04&code=AE04", status: 200 },
  "GET /contact/go": { url: "/contact/go?question=ae04&code=AE04", status: 303 },
  "POST /feedback": { url: "/feedback", status: 303, send: { question: "ae01", helpful: "yes" }, type: "form" },
  "GET /feedback/thanks": { url: "/feedback/thanks?question=ae01&helpful=yes", status: 200 },
  "POST /api/events": {
    url: "/api/events",
    status: 204,
    send: { type: "click", q: "AE01", id: "ae01", position: 1 },
  },
  "GET /healthz": { url: "/healthz", status: 200 },
  "GET /readyz": { url: "/readyz", status: 200 },
  "GET /metrics": { url: "/metrics", status: 200, auth: true },
  "GET /favicon.ico": { url: "/favicon.ico", status: 200 },
  "GET /css/*file": { url: "/css/site.css", status: 200 },
  "GET /admin/login": { url: "/admin/login", status: 200 },
  "POST /admin/login": { url: "/admin/login", status: 403, send: { username: "x", password: "y" }, type: "form" },
  "POST /admin/logout": { url: "/admin/logout", status: 303, send: {}, type: "form" },
  "GET /admin": { url: "/admin", status: 303 },
  "GET /admin/no-results": { url: "/admin/no-results", status: 303 },
  "GET /admin/searches": { url: "/admin/searches", status: 303 },
  "GET /admin/questions": { url: "/admin/questions", status: 303 },
  "GET /admin/reports/no-results.csv": { url: "/admin/reports/no-results.csv", status: 401 },
  "GET /admin/reports/searches.csv": { url: "/admin/reports/searches.csv", status: 401 },
  "GET /admin/reports/questions.csv": { url: "/admin/reports/questions.csv", status: 401 },
  "GET /admin/contacts": { url: "/admin/contacts", status: 303 },
  "GET /admin/metrics": { url: "/admin/metrics", status: 303 },
  "GET /admin/reports/contacts.csv": { url: "/admin/reports/contacts.csv", status: 401 },
  "GET /admin/notices": { url: "/admin/notices", status: 303 },
  "POST /admin/notices": { url: "/admin/notices", status: 303, send: { title: "x" }, type: "form" },
  "GET /admin/notices/:id": { url: "/admin/notices/n-1", status: 303 },
  "POST /admin/notices/:id": { url: "/admin/notices/n-1", status: 303, send: { title: "x" }, type: "form" },
  "POST /admin/notices/:id/end": { url: "/admin/notices/n-1/end", status: 303, send: {}, type: "form" },
  "GET /admin/audit": { url: "/admin/audit", status: 303 },
  "GET /admin/suggestions": { url: "/admin/suggestions", status: 303 },
  "POST /admin/suggestions/:id": {
    url: "/admin/suggestions/abc",
    status: 303,
    send: { decision: "accept" },
    type: "form",
  },
  "GET /admin/reports/suggestions.patch": { url: "/admin/reports/suggestions.patch", status: 401 },
  "GET /admin/reports/search-checks.json": { url: "/admin/reports/search-checks.json", status: 401 },
  "ALL /admin/*rest": { url: "/admin/no/such/page", status: 303 },
};

const keyOf = (row: RouteRow) => `${row.method} ${row.path}`;

describe("the route table", () => {
  const [sqlite] = testDatabases();
  let dir = "";
  let app: RequestListener;
  // The bundled FAQ fits each category on one page: a second page needs a larger one.
  let large: RequestListener;
  let analytics: AnalyticsService;
  beforeAll(async () => {
    if (!sqlite) throw new Error("SQLite is always available");
    dir = await mkdtemp(path.join(tmpdir(), "faq-routes-"));
    await generateContent(120, dir);
    large = createApp(await loadContent(dir), { search: { perMinute: 0 } }).handle;
    analytics = await readyAnalytics(await sqlite.fresh());
    await new Operators(analytics.db).add("support-lead", "a passphrase nobody guesses");
    // With the office's channel configured, as content/contact.md would give it (the bundled FAQ has none).
    const { content } = await bundledSite();
    const contact = { name: "HP Advantageplus 事務局", email: "office@example.jp", url: undefined, hours: undefined };
    app = createApp(
      { ...content, contact: { ...contact, file: "contact.md" } },
      {
        search: { perMinute: 0 },
        feedback: { recorder: analytics, votesPerMinute: 0 },
        admin: { db: analytics.db },
        operations: { metrics: createMetrics({ processMetrics: false }), metricsToken: TOKEN },
      },
    ).handle;
  }, 60_000);
  afterAll(async () => {
    await analytics?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("has an example request for every row, and no example for a row it lacks", () => {
    expect(Object.keys(EXAMPLES).sort()).toEqual(ROUTES.map(keyOf).sort());
  });

  it.each(ROUTES.map((row) => [keyOf(row), row] as const))("%s answers through its own row", async (key, row) => {
    const example = EXAMPLES[key];
    if (!example) throw new Error(`no example for ${key}`);
    let url = example.url;
    if (row.path === "/assets/*file")
      url = /href="(\/assets\/[^"]+\.css)"/.exec((await request(app).get("/")).text)?.[1] ?? "";
    expect(compileRoutes(ROUTES).labelOf(url.split("?")[0] ?? ""), "the example is this row's").toBe(row.path);
    const method = row.method === "POST" ? "post" : "get";
    let pending = request(row.path === "/categories/:id/page/:n" ? large : app)[method](url);
    if (example.auth) pending = pending.set("Authorization", `Bearer ${TOKEN}`);
    if (example.send) pending = pending.type(example.type ?? "json").send(example.send);
    const res = await pending;
    expect(res.status).toBe(example.status);
  });

  it("is listed row by row in the README's URL map", () => {
    const readme = readFileSync(path.join(projectRoot, "README.md"), "utf8");
    const map = readme.slice(readme.indexOf("## URL map"), readme.indexOf("\n## ", readme.indexOf("## URL map") + 1));
    const missing = ROUTES.filter((row) => !map.includes(`\`${row.method === "POST" ? "POST " : ""}${row.path}`));
    expect(missing.map(keyOf), "add a row to the README's URL map").toEqual([]);
  });
});
