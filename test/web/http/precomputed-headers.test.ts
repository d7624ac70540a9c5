import express from "express";
import helmet from "helmet";
import request from "supertest";
import { describe, expect, it } from "vitest";
import { precomputedHeaders } from "../../../src/web/http/precomputed-headers.js";
import { securityHeaders } from "../../../src/web/http/security-headers.js";

const headersOf = async (app: express.Express) => {
  const res = await request(app).get("/");
  const { date: _date, etag: _etag, ...rest } = res.headers;
  return rest;
};

describe("precomputedHeaders", () => {
  it("sets exactly the headers the live middleware sets", async () => {
    for (const middleware of [securityHeaders(), helmet()]) {
      const live = express().disable("x-powered-by").use(middleware).get("/", (_req, res) => res.send("ok"));
      const replay = precomputedHeaders(middleware);
      const replayed = express()
        .disable("x-powered-by")
        .use((_req, res, next) => {
          replay(res);
          next();
        })
        .get("/", (_req, res) => res.send("ok"));
      expect(await headersOf(replayed)).toEqual(await headersOf(live));
    }
  });

  it("refuses middleware that does not finish at once", () => {
    expect(() => precomputedHeaders(() => undefined)).toThrow("did not finish synchronously");
  });
});
