import express from "express";
import helmet from "helmet";
import request from "supertest";
import { describe, expect, it } from "vitest";
import { precomputedHeaders } from "../../src/web/precomputed-headers.js";
import { securityHeaders } from "../../src/web/security-headers.js";

const headersOf = async (app: express.Express) => {
  const res = await request(app).get("/");
  const { date: _date, etag: _etag, ...rest } = res.headers;
  return rest;
};

describe("precomputedHeaders", () => {
  it("sends exactly the headers the live middleware sends", async () => {
    for (const middleware of [securityHeaders(), helmet()]) {
      const live = express().use(middleware).get("/", (_req, res) => res.send("ok"));
      const replayed = express().use(precomputedHeaders(middleware)).get("/", (_req, res) => res.send("ok"));
      expect(await headersOf(replayed)).toEqual(await headersOf(live));
    }
  });

  it("refuses middleware that does not finish at once", () => {
    expect(() => precomputedHeaders(() => undefined)).toThrow("did not finish synchronously");
  });
});
