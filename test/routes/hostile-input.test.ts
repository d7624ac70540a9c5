import { createServer } from "node:http";
import { request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import fc from "fast-check";
import request from "supertest";
import { describe, expect, it } from "vitest";
import { bundledSite } from "../helpers/app.js";

const HOSTILE = [
  "%E0%A4%A",
  "%",
  "%00",
  "\u0000",
  "\u202e\u200b\u2066",
  "(.*.*)*Z",
  "a~999999",
  "[a-",
  "\\",
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "..%2f..%2fpackage.json",
  "%2e%2e/%2e%2e/etc/passwd",
  "..%252f..%252fetc%252fpasswd",
  "../../package.json",
  "__proto__",
  "constructor",
  "prototype",
  "x".repeat(5000),
  "ＡＥ０１",
];

const ROUTES = [
  "/",
  "/categories/",
  "/questions/",
  "/errors/",
  "/search?q=",
  "/api/search?q=",
  "/api/search?limit=",
  "/css/",
  "/assets/",
  "/healthz?",
  "/",
];
const METHODS = ["GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"] as const;

/** Characters that cannot appear raw in a request line are percent-encoded; everything else goes as typed. */
function asUrlPart(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it must encode
  return [...value].map((c) => (/[\u0000-\u0020\u007f-\uffff"<>`{}|^#]/.test(c) ? percentEncode(c) : c)).join("");
}

/** A lone surrogate has no UTF-8 form; send its WTF-8 bytes, which the server must take as bad encoding. */
function percentEncode(char: string): string {
  try {
    return encodeURIComponent(char);
  } catch {
    const code = char.charCodeAt(0);
    return [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]
      .map((b) => `%${b.toString(16).toUpperCase()}`)
      .join("");
  }
}

describe("hostile input never gets a 5xx, a stack trace, a path, echoed markup or a file outside public/", () => {
  it("holds for random and hostile values on every route, parameter and method", async () => {
    const { app } = await bundledSite();
    const value = fc.oneof(
      fc.constantFrom(...HOSTILE),
      fc.string({ maxLength: 40 }),
      fc.string({ unit: "grapheme", maxLength: 20 }),
      fc.string({ unit: "binary", maxLength: 20 }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ROUTES),
        value,
        fc.constantFrom(...METHODS),
        fc.boolean(),
        async (route, raw, method, repeat) => {
          const part = asUrlPart(raw);
          let url = `${route}${part}`;
          if (repeat && route.includes("?")) url += `&q=${part}&q[x]=1`;
          const res = await request(app)[method.toLowerCase() as "get"](url);
          expect(res.status, url).toBeLessThan(500);
          expect(res.status, url).toBeGreaterThanOrEqual(200);
          const body = res.text ?? "";
          if (method !== "HEAD" && res.status !== 301 && res.status !== 304)
            expect(res.headers["content-type"] ?? "", url).toMatch(
              /text\/html|application\/json|text\/css|javascript|image\//,
            );
          expect(body, url).not.toMatch(/\n\s+at .+:\d+:\d+/);
          expect(body, url).not.toContain(process.cwd());
          expect(body, url).not.toContain("node_modules");
          expect(body, url).not.toContain("<script>alert(1)</script>");
          expect(body, url).not.toContain("<img src=x");
          expect(body, url).not.toContain('"devDependencies"');
          expect(body, url).not.toContain("root:x:0:0");
        },
      ),
      { numRuns: 300 },
    );
  }, 30_000);

  it("a lone surrogate in a URL is a 4xx", async () => {
    const { app } = await bundledSite();
    for (const path of [
      `/questions/${percentEncode("\ud800")}`,
      `/search?q=${percentEncode("\udfff")}`,
      `/api/search?q=${percentEncode("\ud800")}`,
    ]) {
      const res = await request(app).get(path);
      expect(res.status, path).toBeLessThan(500);
    }
  });

  it.each([
    "/..%2fpackage.json",
    "/%2e%2e/package.json",
    "/..%252fpackage.json",
    "/css/..%2f..%2fpackage.json",
    "/css/%2e%2e/%2e%2e/package.json",
    "/assets/..%2f..%2fpackage.json",
  ])("%s does not serve a file outside public/", async (path) => {
    const { app } = await bundledSite();
    const res = await request(app).get(path);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.text).not.toContain('"devDependencies"');
  });

  it("TRACE gets a 405, not a 5xx and not an echo of the request", async () => {
    const { app } = await bundledSite();
    const server = createServer(app).listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = httpRequest(
          { host: "127.0.0.1", port, method: "TRACE", path: "/", headers: { "X-Secret": "<script>x</script>" } },
          (res) => {
            let body = "";
            res.on("data", (chunk: Buffer) => (body += chunk.toString()));
            res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
          },
        );
        req.on("error", reject);
        req.end();
      });
      expect(status).toBe(405);
      expect(body).not.toContain("X-Secret");
    } finally {
      server.close();
    }
  });
});
