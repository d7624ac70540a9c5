import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import request from "supertest";
import { describe, expect, it } from "vitest";
import { errorBoundary, type ErrorPages } from "../../../src/web/app/error-boundary.js";
import type { Format } from "../../../src/web/app/routes.js";
import { HttpError, refusals } from "../../../src/web/http/http-error.js";
import { PreparedResponse } from "../../../src/web/http/prepared-response.js";

const pages: ErrorPages = {
  notFound: PreparedResponse.html("<h1>ページが見つかりません</h1>", 404),
  refusalPage: (error) => PreparedResponse.html(`<h1>refused</h1><p>${error.publicMessage ?? ""}</p>`, error.status),
  serverErrorFor: (id) => PreparedResponse.html(`<h1>エラーが発生しました</h1><code>${id}</code>`, 500),
  adminErrorHtml: (error, id) => `<h1>admin ${error.status}</h1>${id}`,
};

/** A server whose every request throws `thrown`, answered by the boundary in `format`. */
function throwing(thrown: unknown, format: Format) {
  const reported: unknown[] = [];
  const answer = errorBoundary(pages, (error) => reported.push(error));
  const server = createServer((req: IncomingMessage, res: ServerResponse) =>
    answer(req, res, thrown, { id: "req-1", format, head: ["X-Request-Id", "req-1"] }),
  );
  return { server, reported };
}

describe("the one error boundary", () => {
  it("answers a refusal under /api/ as {error} with the headers its status calls for, reporting nothing", async () => {
    const { server, reported } = throwing(refusals.tooMany("Too many searches.", 12), "api");
    const res = await request(server).get("/api/search").expect(429).expect("Retry-After", "12");
    expect(res.body).toEqual({ error: "Too many searches." });
    expect(res.headers["x-request-id"]).toBe("req-1");
    expect(reported).toEqual([]);
  });

  it("answers a failure as a 500 naming the request id, reports it once, and shows neither message nor stack", async () => {
    const failure = new Error("ENOENT /srv/secret/file");
    for (const format of ["api", "page", "admin"] as const) {
      const { server, reported } = throwing(failure, format);
      const res = await request(server).get("/x").expect(500);
      expect(res.text).toContain("req-1");
      expect(res.text).not.toContain("ENOENT");
      expect(res.text).not.toMatch(/at .*\.(js|ts):\d+/);
      expect(reported).toEqual([failure]);
    }
  });

  it("shows a page's refusal on the refusal page with its status, and a 404 on the not-found page", async () => {
    const forbidden = throwing(refusals.forbidden("No.", "このサイトのページ以外からは送信できません。"), "page");
    const res = await request(forbidden.server).get("/x").expect(403);
    expect(res.text).toContain("このサイトのページ以外からは送信できません。");
    const missing = throwing(refusals.notFound(), "page");
    expect((await request(missing.server).get("/x").expect(404)).text).toContain("ページが見つかりません");
  });

  it("shows the dashboard's refusals in its own layout", async () => {
    const { server } = throwing(new HttpError(401, "Sign in first."), "admin");
    const res = await request(server).get("/admin/reports/searches.csv").expect(401);
    expect(res.text).toBe("<h1>admin 401</h1>req-1");
    expect(res.headers["content-type"]).toBe("text/html; charset=utf-8");
  });

  it("keeps a body parser's 413 a 413, as JSON under /api/", async () => {
    const { server } = throwing(Object.assign(new Error("too big"), { status: 413, type: "entity.too.large" }), "api");
    expect((await request(server).post("/api/events").expect(413)).body).toEqual({ error: "The body is too large." });
  });
});
