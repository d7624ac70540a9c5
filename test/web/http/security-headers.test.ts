import request from "supertest";
import { describe, expect, it } from "vitest";
import type { EventRecorder } from "../../../src/analytics/analytics-service.js";
import { createApp } from "../../../src/web/app/create-app.js";
import { bundledSite } from "../../helpers/app.js";

const EXACT_CSP =
  "default-src 'self';script-src 'self';style-src 'self';img-src 'self' data:;font-src 'self';connect-src 'self';object-src 'none';base-uri 'none';form-action 'self';frame-ancestors 'none'";

describe("security headers", () => {
  it.each(["/", "/questions/ae01", "/search?q=ae01", "/nope", "/errors/ae01", "/favicon.ico"])(
    "%s has the exact policy and no X-Powered-By",
    async (path) => {
      const { app } = await bundledSite();
      const res = await request(app).get(path);
      expect(res.headers["content-security-policy"]).toBe(EXACT_CSP);
      expect(res.headers["content-security-policy"]).not.toMatch(/unsafe-inline|unsafe-eval/);
      expect(res.headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
      expect(res.headers["permissions-policy"]).toBe("camera=(), microphone=(), geolocation=(), payment=(), usb=()");
      expect(res.headers["x-content-type-options"]).toBe("nosniff");
      // The legacy header says what frame-ancestors 'none' says.
      expect(res.headers["x-frame-options"]).toBe("DENY");
      expect(res.headers["x-powered-by"]).toBeUndefined();
    },
  );

  // JSON is never shown as a document: it must load nothing, never be framed or sniffed, and not be read
  // cross-origin; the page policy's script and style rules would say nothing about it.
  it.each([
    ["GET", "/api/search?q=ae01", 200],
    ["GET", "/api/search", 400],
    ["POST", "/api/feedback", 415],
    ["POST", "/api/events", 415],
    ["GET", "/api/nope", 404],
    ["GET", "/healthz", 200],
    ["GET", "/readyz", 200],
  ] as const)("%s %s (%i) carries the API headers", async (method, path, status) => {
    const { content } = await bundledSite();
    const recorder: EventRecorder = {
      accepting: true,
      record: () => true,
      countView: () => undefined,
      countCodeVisit: () => undefined,
    };
    const { handle } = createApp(content, { feedback: { recorder } });
    const res = await (method === "GET"
      ? request(handle).get(path)
      : request(handle).post(path).set("Content-Type", "application/xml").send("<x/>")
    ).expect(status);
    expect(res.headers["content-security-policy"]).toBe("default-src 'none';frame-ancestors 'none'");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["x-frame-options"]).toBe("DENY");
    expect(res.headers["cross-origin-resource-policy"]).toBe("same-origin");
    expect(res.headers["referrer-policy"]).toBe("no-referrer");
    expect(res.headers["strict-transport-security"]).toMatch(/^max-age=\d+/);
    expect(res.headers["permissions-policy"]).toBeUndefined();
    expect(res.headers["x-powered-by"]).toBeUndefined();
  });

  it("a 404 under /api/ is JSON, as every answer there is", async () => {
    const { app } = await bundledSite();
    const res = await request(app)
      .get("/api/nope")
      .expect(404)
      .expect("content-type", /application\/json/);
    expect(res.body).toEqual({ error: "Not found." });
  });

  it("pages carry no inline script or style attribute", async () => {
    const { app } = await bundledSite();
    for (const path of [
      "/",
      "/categories/access-errors",
      "/questions/ae01",
      "/search?q=パスワード",
      "/search?q=天気予報",
      "/nope",
    ]) {
      const html = (await request(app).get(path)).text;
      expect(html, path).not.toMatch(/<script(?![^>]*\bsrc=)(?![^>]*application\/ld\+json)[^>]*>/);
      expect(html, path).not.toMatch(/\sstyle=/);
      expect(html, path).not.toMatch(/\son[a-z]+=/);
    }
  });
});
