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
      const live = express()
        .disable("x-powered-by")
        .use(middleware)
        .get("/", (_req, res) => res.send("ok"));
      const { set, pairs } = precomputedHeaders(middleware);
      const replayed = express()
        .disable("x-powered-by")
        .use((_req, res, next) => {
          set(res);
          next();
        })
        .get("/", (_req, res) => res.send("ok"));
      expect(await headersOf(replayed)).toEqual(await headersOf(live));
      // The same headers, sent in one writeHead.
      const written = express()
        .disable("x-powered-by")
        .get("/", (_req, res) =>
          res.writeHead(200, [...pairs, "Content-Type", "text/html; charset=utf-8", "Content-Length", "2"]).end("ok"),
        );
      const { "content-type": _type, "content-length": _length, ...expected } = await headersOf(live);
      const { "content-type": _t, "content-length": _l, ...got } = await headersOf(written);
      expect(got).toEqual(expected);
    }
  });

  it("refuses middleware that does not finish at once", () => {
    expect(() => precomputedHeaders(() => undefined)).toThrow("did not finish synchronously");
  });
});
