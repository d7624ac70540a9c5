import request from "supertest";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/ops/logger.js";
import { buildSearchIndex, type SearchIndex } from "../../src/search/index.js";
import { documentsFromContent } from "../../src/web/search/documents-from-content.js";
import { createMetrics } from "../../src/ops/metrics.js";
import { createApp, type AppOptions } from "../../src/web/app/create-app.js";
import { compileTemplates } from "../../src/web/pages/templates.js";
import { bundledSite } from "../helpers/app.js";

const TOKEN = "scrape-token-0123456789";

/** The site with a logger writing into an array and its own metrics. */
interface SiteOptions {
  templates?: AppOptions["templates"];
  trustProxy?: AppOptions["trustProxy"];
  accessLog?: boolean;
  onError?: (error: unknown) => void;
  searchIndex?: Promise<SearchIndex>;
  searchRateLimit?: number;
  databaseReady?: () => Promise<void>;
}

async function site(options: SiteOptions = {}) {
  const { content } = await bundledSite();
  const lines: Array<Record<string, unknown>> = [];
  const log = createLogger({
    destination: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) },
  });
  const metrics = createMetrics({ processMetrics: false });
  const app = createApp(content, {
    templates: options.templates,
    trustProxy: options.trustProxy,
    search: { index: options.searchIndex, perMinute: options.searchRateLimit ?? 0 },
    operations: { metrics, metricsToken: TOKEN, databaseReady: options.databaseReady },
    logging: { log, accessLog: options.accessLog, onError: options.onError },
  }).handle;
  return { app, lines, metrics };
}

const failingTemplates = () => {
  const real = compileTemplates();
  return (name: Parameters<typeof real>[0], data: object) => {
    if (name === "search" && "query" in data && data.query === "boom") throw new Error("template failed");
    return real(name, data);
  };
};

describe("access log", () => {
  it("one JSON line per request with time, level, request id, method, path, status, bytes and duration", async () => {
    const { app, lines } = await site({ templates: failingTemplates() });
    const page = await request(app).get("/questions/ae01").expect(200);
    const found = await request(app).get("/api/search?q=ae03").expect(200);
    const missing = await request(app).get("/nope").expect(404);
    const failed = await request(app).get("/search?q=boom").expect(500);
    const access = lines.filter((l) => l.msg === "request");
    expect(access.map((l) => [l.method, l.path, l.status])).toEqual([
      ["GET", "/questions/ae01", 200],
      ["GET", "/api/search", 200],
      ["GET", "/nope", 404],
      ["GET", "/search", 500],
    ]);
    expect(access[0]).toMatchObject({
      level: "info",
      reqId: page.headers["x-request-id"],
      bytes: Number(page.headers["content-length"]),
    });
    // Answered from memory, by Express, and by the error page alike.
    expect(access.map((l) => l.bytes)).toEqual(
      [page, found, missing, failed].map((res) => Number(res.headers["content-length"])),
    );
    expect(typeof access[0]?.time).toBe("string");
    expect(typeof access[0]?.ms).toBe("number");
  });

  it("never keeps a query string or an e-mail address", async () => {
    const { app, lines } = await site();
    await request(app).get("/search").query({ q: "taro@example.com パスワード" }).expect(200);
    await request(app).get("/api/search").query({ q: "taro@example.com" }).expect(200);
    const all = JSON.stringify(lines);
    expect(all).not.toContain("taro");
    expect(all).not.toContain("?q=");
  });

  it("a failure is logged once, with its stack and the request id the 500 page shows", async () => {
    const { app, lines } = await site({ templates: failingTemplates() });
    const res = await request(app).get("/search?q=boom").expect(500);
    const id = res.headers["x-request-id"] ?? "";
    expect(res.text).toContain(`お問い合わせの際は次の番号をお伝えください: <code>${id}</code>`);
    const errors = lines.filter((l) => l.level === "error");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ reqId: id, msg: "request failed" });
    expect(String((errors[0]?.err as { stack?: string } | undefined)?.stack)).toContain("template failed");
    expect(lines.find((l) => l.msg === "request" && l.status === 500)?.reqId).toBe(id);
  });

  it("ACCESS_LOG=off leaves access lines to a proxy, but still logs failures", async () => {
    const { app, lines } = await site({ accessLog: false, templates: failingTemplates() });
    await request(app).get("/questions/ae01").expect(200);
    await request(app).get("/search?q=boom").expect(500);
    expect(lines.filter((l) => l.msg === "request")).toEqual([]);
    expect(lines.filter((l) => l.level === "error")).toHaveLength(1);
  });
});

describe("request id", () => {
  it("is generated and sent back, and an X-Request-Id header is ignored without TRUST_PROXY", async () => {
    const { app } = await site();
    const res = await request(app).get("/").set("X-Request-Id", "from-client").expect(200);
    expect(res.headers["x-request-id"]).toMatch(/^[0-9a-f]{8}-[0-9a-z]+$/);
  });

  it("with TRUST_PROXY keeps a safe one and replaces an unsafe one", async () => {
    const { app, lines } = await site({ trustProxy: 1 });
    expect((await request(app).get("/").set("X-Request-Id", "lb-123.abc")).headers["x-request-id"]).toBe("lb-123.abc");
    const unsafe = await request(app).get("/").set("X-Request-Id", "<script>alert(1)</script>");
    expect(unsafe.headers["x-request-id"]).toMatch(/^[0-9a-f]{8}-[0-9a-z]+$/);
    expect(JSON.stringify(lines)).not.toContain("<script>");
  });
});

describe("/metrics", () => {
  it("needs the bearer token: 401 without or with a wrong one", async () => {
    const { app } = await site();
    await request(app).get("/metrics").expect(401);
    await request(app).get("/metrics").set("Authorization", "Bearer wrong").expect(401);
  });

  it("is a 404 when no token is set", async () => {
    const { content } = await bundledSite();
    await request(createApp(content, { operations: { metrics: createMetrics({ processMetrics: false }) } }).handle)
      .get("/metrics")
      .expect(404);
  });

  it("parses as Prometheus text, and its counters move with requests", async () => {
    const { app } = await site();
    const scrape = async () =>
      (
        await request(app)
          .get("/metrics")
          .set("Authorization", `Bearer ${TOKEN}`)
          .expect(200)
          .expect("content-type", /text\/plain; version=0.0.4/)
      ).text;
    const count = (text: string, series: string) =>
      Number(
        text
          .split("\n")
          .find((l) => l.startsWith(series))
          ?.split(" ")
          .at(-1) ?? 0,
      );
    const before = await scrape();
    for (const line of before.split("\n").filter((l) => l && !l.startsWith("#")))
      expect(line).toMatch(/^[a-z_]+(\{[^}]*\})? [-+0-9.eE]+|NaN$/);
    await request(app).get("/questions/ae01").expect(200);
    await request(app).get("/questions/ae02").expect(200);
    await request(app).get("/search?q=天気予報").expect(200);
    const after = await scrape();
    const page = 'http_requests_total{route="/questions/:id",method="GET",status="200"}';
    expect(count(after, page) - count(before, page)).toBe(2);
    expect(count(after, 'search_no_results_total{route="page"}')).toBe(1);
    expect(after).not.toContain("/questions/ae01");
  });
});

describe("/readyz", () => {
  it("is 200 without a database to wait for", async () => {
    const { app } = await site();
    expect((await request(app).get("/readyz").expect(200)).body).toEqual({
      status: "ready",
      content: "ok",
      database: "none",
    });
  });

  it("goes 503 when the database stops answering, naming the cause in the log only, and back to 200 when it returns", async () => {
    let up = true;
    const { app, lines } = await site({
      databaseReady: async () => (up ? undefined : Promise.reject(new Error("connect ECONNREFUSED"))),
    });
    await request(app).get("/readyz").expect(200);
    up = false;
    const down = await request(app).get("/readyz").expect(503);
    expect(down.body).toEqual({ status: "not ready", content: "ok", database: "unavailable" });
    expect(down.text).not.toContain("ECONNREFUSED");
    const warning = lines.find((l) => l.level === "warn");
    expect(JSON.stringify(warning)).toContain("connect ECONNREFUSED");
    await request(app).get("/questions/ae01").expect(200);
    up = true;
    await request(app).get("/readyz").expect(200);
  });

  it("is 503 while the search index is being built; pages are served and searches wait for it", async () => {
    const { content } = await bundledSite();
    let finish: (index: SearchIndex) => void = () => undefined;
    const { app } = await site({ searchIndex: new Promise<SearchIndex>((resolve) => (finish = resolve)) });
    expect((await request(app).get("/readyz").expect(503)).body).toEqual({
      status: "not ready",
      content: "ok",
      search: "the index is being built",
    });
    await request(app).get("/questions/ae01").expect(200);
    let answered = false;
    const searching = request(app)
      .get("/api/search?q=AE03")
      .then((res) => {
        answered = true;
        return res;
      });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(answered).toBe(false);
    finish(buildSearchIndex(documentsFromContent(content), { synonyms: content.synonyms }));
    const res = await searching;
    expect(res.status).toBe(200);
    expect(res.body.results[0].id).toBe("ae03");
    await request(app).get("/readyz").expect(200);
  });

  it("counts a search against the limit when it arrives, so one over the limit is refused at once, even while the index is built", async () => {
    const { content } = await bundledSite();
    let finish: (index: SearchIndex) => void = () => undefined;
    const { app } = await site({
      searchRateLimit: 1,
      searchIndex: new Promise<SearchIndex>((resolve) => (finish = resolve)),
    });
    const first = request(app)
      .get("/api/search?q=AE03")
      .then((res) => res);
    await new Promise((resolve) => setTimeout(resolve, 30));
    await request(app).get("/api/search?q=AE01").expect(429);
    finish(buildSearchIndex(documentsFromContent(content), { synonyms: content.synonyms }));
    expect((await first).status).toBe(200);
  });

  it("if the index cannot be built, searches answer 500 and say so to the log, and pages go on", async () => {
    const failures: unknown[] = [];
    const { app } = await site({
      searchIndex: Promise.reject(new Error("index thread and fallback both failed")),
      onError: (error) => failures.push(error),
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(String(failures[0])).toContain("index thread and fallback both failed");
    await request(app).get("/api/search?q=AE03").expect(500);
    await request(app).get("/questions/ae01").expect(200);
    await request(app).get("/readyz").expect(503);
  });

  it("gives a hanging database one second", async () => {
    const { app, lines } = await site({ databaseReady: () => new Promise(() => undefined) });
    const started = performance.now();
    const res = await request(app).get("/readyz").expect(503);
    expect(res.body.database).toBe("unavailable");
    expect(JSON.stringify(lines)).toContain("no answer within 1000 ms");
    expect(performance.now() - started).toBeLessThan(3000);
  });
});
