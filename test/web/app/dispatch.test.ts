import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import request from "supertest";
import { describe, expect, it } from "vitest";
import { dispatcher } from "../../../src/web/app/dispatch.js";
import { errorBoundary } from "../../../src/web/app/error-boundary.js";
import { compileRoutes } from "../../../src/web/app/route-match.js";
import type { FastHandler, RouteRow } from "../../../src/web/app/routes.js";
import { PreparedResponse } from "../../../src/web/http/prepared-response.js";
import { replyBody } from "../../../src/web/http/reply.js";

const ROWS: RouteRow[] = [
  { method: "GET", path: "/", format: "page", via: "fast", handler: "page" },
  { method: "GET", path: "/questions/:id", format: "page", via: "fast", handler: "page" },
  { method: "GET", path: "/api/search", format: "api", via: "fast", handler: "searchApi" },
  { method: "POST", path: "/api/feedback", format: "api", via: "fast", handler: "vote" },
];

function site(fast: { page?: FastHandler; searchApi?: FastHandler; vote?: FastHandler }) {
  const reported: unknown[] = [];
  const handled: string[] = [];
  const answerError = errorBoundary(
    {
      notFound: PreparedResponse.html("not found", 404),
      refusalPage: (error) => PreparedResponse.html(`refused ${error.status}`, error.status),
      serverErrorFor: (id) => PreparedResponse.html(`failed ${id}`, 500),
      adminErrorHtml: () => "admin",
    },
    (error) => reported.push(error),
  );
  const dispatch = dispatcher({
    rows: ROWS,
    matcher: compileRoutes(ROWS),
    fast,
    pages: new Set(["/", "/questions/ae01"]),
    heads: { page: ["X-Set", "page"], api: ["X-Set", "api"], admin: ["X-Set", "admin"] },
    express: (req: IncomingMessage, res: ServerResponse) => {
      handled.push(req.url ?? "");
      res.end("express");
    },
    answerError,
  });
  return { server: createServer((req, res) => dispatch(req, res, "id-7")), reported, handled };
}

const echo: FastHandler = (req, res, { path, query, head, id }) =>
  replyBody(req, res, 200, "text/plain", `${path}|${query}|${id}`, head);

describe("the fast dispatcher", () => {
  it("answers a page of the page table and an exact row from memory, with the row's header set and the id", async () => {
    const { server, handled } = site({ page: echo, searchApi: echo });
    const page = await request(server).get("/questions/ae01").expect(200);
    expect(page.text).toBe("/questions/ae01||id-7");
    expect(page.headers["x-set"]).toBe("page");
    const api = await request(server).get("/api/search?q=ae01").expect(200);
    expect(api.text).toBe("/api/search|q=ae01|id-7");
    expect(api.headers["x-set"]).toBe("api");
    expect(api.headers["x-request-id"]).toBe("id-7");
    expect(handled).toEqual([]);
  });

  it("refuses another method on a fast row with 405 and the table's Allow list, in the row's format", async () => {
    const { server } = site({ page: echo, vote: echo });
    const page = await request(server).post("/questions/ae01").expect(405);
    expect(page.headers.allow).toBe("GET, HEAD");
    expect(page.text).toBe("refused 405");
    const api = await request(server).get("/api/feedback").expect(405);
    expect(api.headers.allow).toBe("POST");
    expect(api.body).toEqual({ error: "Allowed: POST." });
  });

  it("hands a path the page table lacks, and any row without a handler, to Express", async () => {
    const { server, handled } = site({ page: echo });
    await request(server).get("/questions/unknown").expect(200, "express");
    await request(server).get("/api/search?q=x").expect(200, "express");
    expect(handled).toEqual(["/questions/unknown", "/api/search?q=x"]);
  });

  it("redirects another spelling of a URL to its canonical one, keeping the query", async () => {
    const { server } = site({ page: echo });
    const res = await request(server).get("/Questions/AE01/?from=mail").expect(301);
    expect(res.headers.location).toBe("/questions/ae01?from=mail");
  });

  it("answers a throw in a fast handler with the 500 page, once reported", async () => {
    const { server, reported } = site({
      page: () => {
        throw new Error("template broke");
      },
    });
    const res = await request(server).get("/").expect(500);
    expect(res.text).toBe("failed id-7");
    expect(reported).toEqual([expect.objectContaining({ message: "template broke" })]);
  });
});
