import express from "express";
import request from "supertest";
import { describe, expect, it } from "vitest";
import { errorHandler } from "../../../src/web/app/error-handler.js";
import { PreparedResponse } from "../../../src/web/http/prepared-response.js";

const pages = {
  notFound: PreparedResponse.html("<h1>見つかりません</h1>", 404),
  badRequest: PreparedResponse.html("<h1>リクエストが正しくありません</h1>", 400),
  serverErrorFor: (id: string) => PreparedResponse.html(`<h1>エラーが発生しました</h1>${id}`, 500),
};

function appThatThrows(error: unknown, errors: unknown[]) {
  const app = express();
  app.get("/boom", (_req, res) => {
    res.setHeader("X-Request-Id", "req-42");
    throw error;
  });
  app.use(errorHandler(pages, (e, context) => errors.push(e) && context?.requestId === "req-42"));
  return app;
}

describe("errorHandler", () => {
  it("an unexpected failure is the prepared 500 page, with no stack or path, reported once", async () => {
    const errors: unknown[] = [];
    const failure = new Error(`secret at ${process.cwd()}/src/web/x.ts:1:1`);
    const res = await request(appThatThrows(failure, errors))
      .get("/boom")
      .expect(500)
      .expect("content-type", /text\/html/);
    expect(res.text).toBe("<h1>エラーが発生しました</h1>req-42");
    expect(res.text).not.toContain(process.cwd());
    expect(errors).toEqual([failure]);
  });

  it("a client's mistake is the 400 page and is not reported as a failure", async () => {
    const errors: unknown[] = [];
    const res = await request(appThatThrows(Object.assign(new Error("bad body"), { status: 413 }), errors))
      .get("/boom")
      .expect(413);
    expect(res.text).toContain("リクエストが正しくありません");
    expect(errors).toEqual([]);
  });

  it("a 404 thrown by a route is the prepared 404 page", async () => {
    const errors: unknown[] = [];
    await request(appThatThrows(Object.assign(new Error("gone"), { status: 404 }), errors))
      .get("/boom")
      .expect(404, "<h1>見つかりません</h1>");
    expect(errors).toEqual([]);
  });
});
