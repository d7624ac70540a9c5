import request from "supertest";
import { describe, expect, it } from "vitest";
import { canonicalPath } from "../../../src/web/http/canonical-path.js";
import { bundledSite } from "../../helpers/app.js";

describe("canonicalPath", () => {
  it.each([
    ["/QUESTIONS/AE01", "/questions/ae01"],
    ["/questions/ae01/", "/questions/ae01"],
    ["/Search", "/search"],
    ["/HEALTHZ", "/healthz"],
    ["/healthz//", "/healthz"],
    ["/errors/AE03/", "/errors/AE03"],
    ["/Questions/%E3%81%82", "/questions/%E3%81%82"],
  ])("%s → %s", (from, to) => expect(canonicalPath(from)).toBe(to));

  it.each([
    "/",
    "/questions/ae01",
    "/errors/AE03",
    "/errors/ae03",
    "/questions/%E0%A4%A",
    "//Evil.example/",
    "///x",
    "/\\Evil.example",
    "/\\/x/",
  ])("%s stays as it is", (path) => expect(canonicalPath(path)).toBeUndefined());
});

describe("one rule for case and trailing slashes, everywhere", () => {
  it.each([
    ["/QUESTIONS/AE01", "/questions/ae01"],
    ["/questions/ae01/", "/questions/ae01"],
    ["/categories/Access-Errors/", "/categories/access-errors"],
    ["/Search?q=AE03", "/search?q=AE03"],
    ["/HEALTHZ", "/healthz"],
    ["/healthz/", "/healthz"],
    ["/SITEMAP.XML", "/sitemap.xml"],
  ])("GET %s is a 301 to %s, which answers 200", async (from, to) => {
    const { app } = await bundledSite();
    const res = await request(app).get(from).expect(301);
    expect(res.headers.location).toBe(to);
    await request(app).get(to).expect(200);
  });

  it("other methods are not redirected, and routing is exact for them", async () => {
    const { app } = await bundledSite();
    await request(app).post("/API/FEEDBACK").send({ question: "ae03", helpful: true }).expect(404);
    await request(app).post("/api/feedback/").send({ question: "ae03", helpful: true }).expect(404);
  });
});

describe("a path a browser would read as another host", () => {
  it.each(["/\\Evil.example", "/\\evil.example/", "//Evil.example/"])(
    "GET %s is a 404, never a redirect",
    async (path) => {
      const { app } = await bundledSite();
      const res = await request(app).get(path);
      expect(res.status).toBe(404);
      expect(res.headers.location).toBeUndefined();
    },
  );
});
