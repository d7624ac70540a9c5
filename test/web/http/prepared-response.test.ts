import { readFileSync } from "node:fs";
import { gunzipSync, brotliDecompressSync } from "node:zlib";
import type { IncomingMessage, ServerResponse } from "node:http";
import request from "supertest";
import { describe, expect, it } from "vitest";
import {
  chooseEncoding,
  isFresh,
  ownBytes,
  PreparedResponse,
  SmallestEncodings,
  sendPrepared,
} from "../../../src/web/http/prepared-response.js";

const page = PreparedResponse.html(`<!doctype html><p>${"よくあるご質問 ".repeat(200)}</p>`);

function appServing(prepared: PreparedResponse) {
  return (req: IncomingMessage, res: ServerResponse) => sendPrepared(req, res, prepared);
}

describe("chooseEncoding", () => {
  it.each([
    [undefined, undefined],
    ["", undefined],
    ["gzip", "gzip"],
    ["gzip, deflate, br", "br"],
    ["br;q=0, gzip", "gzip"],
    ["identity", undefined],
    ["*", "br"],
    ["gzip;q=0, br;q=0", undefined],
  ])("Accept-Encoding %j → %s", (header, expected) => {
    expect(chooseEncoding(header)).toBe(expected);
  });
});

describe("isFresh", () => {
  it("matches the tag, its weak form, a list and *, but not another encoding's variant", () => {
    const tag = page.etag;
    expect(isFresh(tag, tag)).toBe(true);
    expect(isFresh(`W/${tag}`, tag)).toBe(true);
    expect(isFresh(`"other", ${tag}`, tag)).toBe(true);
    expect(isFresh(`"${tag.slice(1, -1)}-br"`, tag)).toBe(false);
    expect(isFresh("*", tag)).toBe(true);
    expect(isFresh('"other"', tag)).toBe(false);
    expect(isFresh(undefined, tag)).toBe(false);
  });
});

describe("compression effort", () => {
  // Real prose (the FAQ itself): on it the best Brotli is about a tenth smaller than the quick one.
  const seed = readFileSync(new URL("../../fixtures/seed-faq.txt", import.meta.url), "utf8");
  const body = () =>
    `<!doctype html><main>${seed
      .split("\n")
      .map((line) => `<p>${line}</p>`)
      .join("")}</main>`;

  it("a page is sent compressed at once; asked for often, the smallest Brotli replaces it off the request path", async () => {
    const prepared = PreparedResponse.html(body(), 200, new SmallestEncodings());
    const first = prepared.encodedAs("br") ?? Buffer.alloc(0);
    // Asked for a few times, it is not worth the best encoder's work.
    for (let i = 1; i < PreparedResponse.UPGRADE_AFTER; i++) {
      expect(prepared.encodedAs("br")).toBe(first);
      await prepared.smallest;
    }
    expect(prepared.encodedAs("br")).toBe(first);
    await prepared.smallest;
    const best = prepared.encodedAs("br") ?? Buffer.alloc(0);
    expect(best.length).toBeLessThan(first.length);
    expect(brotliDecompressSync(first).equals(prepared.body)).toBe(true);
    expect(brotliDecompressSync(best).equals(prepared.body)).toBe(true);
  });

  it("a per-query response keeps its cheap encoding: nothing more is spent on it", async () => {
    const prepared = PreparedResponse.html(body(), 200, "fast");
    const first = prepared.encodedAs("br");
    await prepared.smallest;
    expect(prepared.encodedAs("br")).toBe(first);
  });

  it("makes one smallest encoding at a time per site: a page passed over is upgraded on a later request", async () => {
    const site = new SmallestEncodings();
    const pages = [PreparedResponse.html(body(), 200, site), PreparedResponse.html(`${body()}<p>2</p>`, 200, site)];
    const quick = pages.map((page) => page.encodedAs("br"));
    // Both pages reach their turn together: the first one's encoder is still at work when the second asks.
    for (let i = 0; i < PreparedResponse.UPGRADE_AFTER; i++) for (const page of pages) page.encodedAs("br");
    await Promise.all(pages.map((page) => page.smallest));
    expect(pages[0]?.encodedAs("br")?.length).toBeLessThan(quick[0]?.length ?? 0);
    // The second page's turn came while the first was being made: it still has its quick encoding.
    expect(pages[1]?.encodedAs("br")).toBe(quick[1]);
    await pages[1]?.smallest;
    expect(pages[1]?.encodedAs("br")?.length).toBeLessThan(quick[1]?.length ?? 0);
  });

  it("two sites in one process (a content reload, two apps in a test) do not wait on each other's encoder", async () => {
    const pages = [
      PreparedResponse.html(body(), 200, new SmallestEncodings()),
      PreparedResponse.html(`${body()}<p>2</p>`, 200, new SmallestEncodings()),
    ];
    const quick = pages.map((page) => page.encodedAs("br"));
    for (let i = 0; i < PreparedResponse.UPGRADE_AFTER; i++) for (const page of pages) page.encodedAs("br");
    await Promise.all(pages.map((page) => page.smallest));
    expect(pages.map((page, i) => (page.encodedAs("br")?.length ?? 0) < (quick[i]?.length ?? 0))).toEqual([true, true]);
  });

  it("the ETag of an encoding stays the same when its bytes get smaller", async () => {
    const prepared = PreparedResponse.html(body(), 200, new SmallestEncodings());
    const before = (await request(appServing(prepared)).get("/").set("Accept-Encoding", "br")).headers.etag;
    for (let i = 0; i < PreparedResponse.UPGRADE_AFTER; i++) prepared.encodedAs("br");
    await prepared.smallest;
    const after = await request(appServing(prepared))
      .get("/")
      .set("Accept-Encoding", "br")
      .set("If-None-Match", before ?? "");
    expect(after.status).toBe(304);
    expect(after.headers.etag).toBe(before);
  });
});

describe("what a cached response holds", () => {
  // Each cached encoding is counted at its length; a 16 KB block behind each would make the bound a fiction.
  const owns = (bytes: Buffer | undefined) =>
    bytes !== undefined && bytes.byteOffset === 0 && bytes.buffer.byteLength === bytes.length;

  it("the body and every encoding, made at once, on the thread pool or as the smallest, hold only their own bytes", async () => {
    const small = new PreparedResponse(
      Buffer.from("短い本文です。".repeat(40)),
      "text/plain; charset=utf-8",
      "no-cache",
    );
    expect(small.body.length).toBeLessThan(4096);
    expect(owns(small.body)).toBe(true);
    expect(owns(small.encodedAs("br"))).toBe(true);
    expect(owns(small.encodedAs("gzip"))).toBe(true);
    const large = PreparedResponse.html(`<!doctype html><p>${"アカウントの統合 ".repeat(2000)}</p>`);
    expect(owns(await large.encoding("br"))).toBe(true);
    expect(owns(await large.encoding("gzip"))).toBe(true);
    for (let i = 0; i < PreparedResponse.UPGRADE_AFTER; i++) large.encodedAs("br");
    await large.smallest;
    expect(owns(large.encodedAs("br"))).toBe(true);
  });

  it("ownBytes copies a slice out of a larger block and returns a buffer that is its own block as it is", () => {
    const pooled = Buffer.from("abc");
    expect(owns(pooled)).toBe(false);
    const own = ownBytes(pooled);
    expect(own.equals(pooled)).toBe(true);
    expect(owns(own)).toBe(true);
    expect(ownBytes(own)).toBe(own);
  });
});

describe("sendPrepared", () => {
  it("sends Brotli or gzip by Accept-Encoding, with Vary, an ETag per encoding and the cache policy", async () => {
    const br = await request(appServing(page))
      .get("/")
      .set("Accept-Encoding", "br")
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => done(null, Buffer.concat(chunks)));
      });
    expect(br.status).toBe(200);
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.headers.vary).toBe("Accept-Encoding");
    expect(br.headers.etag).toMatch(/^W\/"[\w-]+-br"$/);
    expect(br.headers["cache-control"]).toBe("public, max-age=60, must-revalidate");
    // superagent decodes the body itself; the length header shows what crossed the wire.
    expect((br.body as Buffer).equals(page.body)).toBe(true);
    expect(brotliDecompressSync(page.encodedAs("br") ?? Buffer.alloc(0)).equals(page.body)).toBe(true);
    expect(Number(br.headers["content-length"])).toBeLessThan(page.body.length / 5);

    const gz = await request(appServing(page))
      .get("/")
      .set("Accept-Encoding", "gzip")
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => done(null, Buffer.concat(chunks)));
      });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect((gz.body as Buffer).equals(page.body)).toBe(true);
    expect(gunzipSync(page.encodedAs("gzip") ?? Buffer.alloc(0)).equals(page.body)).toBe(true);
    expect(Number(gz.headers["content-length"])).toBe(page.encodedAs("gzip")?.length);

    const plain = await request(appServing(page)).get("/").set("Accept-Encoding", "identity");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.headers.etag).toBe(page.etag);
    expect(plain.text).toBe(page.body.toString());
  });

  it("compresses a large cold page on the thread pool, and keeps that encoding for every later request", async () => {
    // Past OFF_THREAD_FROM (a page of some 350 KB).
    const big = PreparedResponse.html(`<!doctype html><p>${"アカウントの統合 ".repeat(14_000)}</p>`);
    expect(big.body.length).toBeGreaterThanOrEqual(PreparedResponse.OFF_THREAD_FROM);
    let endedAtOnce: boolean | undefined;
    const app = (req: IncomingMessage, res: ServerResponse) => {
      sendPrepared(req, res, big);
      endedAtOnce ??= res.writableEnded;
    };
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => request(app).get("/").set("Accept-Encoding", "br")),
    );
    // The handler returned before the body was ready: the event loop was free while Brotli worked.
    expect(endedAtOnce).toBe(false);
    const made = big.encoding("br");
    expect(made).toBeInstanceOf(Buffer);
    for (const res of answers) {
      expect(res.headers["content-encoding"]).toBe("br");
      expect(Number(res.headers["content-length"])).toBe((made as Buffer).length);
      expect(res.text).toBe(big.body.toString());
    }
    // A page of a usual size, even a 100 KB listing page, needs no thread: it is answered before the handler
    // returns (handing it over would cost the event loop more than compressing it).
    for (const body of [`<p>${"短い".repeat(300)}</p>`, `<p>${"アカウントの統合 ".repeat(4_000)}</p>`]) {
      let atOnce: boolean | undefined;
      const res = await request((req: IncomingMessage, res: ServerResponse) => {
        sendPrepared(req, res, PreparedResponse.html(body));
        atOnce = res.writableEnded;
      })
        .get("/")
        .set("Accept-Encoding", "br");
      expect(atOnce).toBe(true);
      expect(res.headers["content-encoding"]).toBe("br");
      expect(res.text).toBe(body);
    }
  });

  it("answers 304 with no body when If-None-Match holds the ETag", async () => {
    const first = await request(appServing(page)).get("/").set("Accept-Encoding", "gzip");
    const again = await request(appServing(page))
      .get("/")
      .set("Accept-Encoding", "gzip")
      .set("If-None-Match", first.headers.etag ?? "");
    expect(again.status).toBe(304);
    expect(again.text ?? "").toBe("");
    expect(again.headers.etag).toBe(first.headers.etag);
  });

  it("a Brotli ETag does not validate a reply to a client that takes no Brotli", async () => {
    const br = await request(appServing(page)).get("/").set("Accept-Encoding", "br");
    const plain = await request(appServing(page))
      .get("/")
      .set("Accept-Encoding", "identity")
      .set("If-None-Match", br.headers.etag ?? "");
    expect(plain.status).toBe(200);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.text).toBe(page.body.toString());
  });

  it("answers HEAD with the headers of GET and no body", async () => {
    const head = await request(appServing(page)).head("/").set("Accept-Encoding", "identity");
    expect(head.status).toBe(200);
    expect(Number(head.headers["content-length"])).toBe(page.body.length);
    expect(head.text ?? "").toBe("");
  });

  it("changes the ETag when the body changes", () => {
    expect(PreparedResponse.html("<p>a</p>").etag).not.toBe(PreparedResponse.html("<p>b</p>").etag);
  });
});
