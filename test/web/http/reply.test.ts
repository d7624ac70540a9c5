import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { replyJson, replyStream } from "../../../src/web/http/reply.js";

const servers: Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** `count` pieces of 1 KB, counting how many were taken. */
function pieces(count: number, taken: { n: number }): Iterable<string> {
  return {
    *[Symbol.iterator]() {
      for (let i = 0; i < count; i++) {
        taken.n++;
        yield `${String(i).padStart(8, "0")}${"x".repeat(1016)}`;
      }
    },
  };
}

describe("replyStream", () => {
  it("sends every piece, chunked, while other requests are answered between them", async () => {
    const taken = { n: 0 };
    const answeredDuring: number[] = [];
    const origin = await serve((req, res) => {
      if (req.url === "/file") void replyStream(req, res, 200, "text/csv", pieces(4000, taken));
      else {
        answeredDuring.push(taken.n);
        replyJson(req, res, 200, { ok: true });
      }
    });
    const file = fetch(`${origin}/file`);
    const response = await file;
    // Asked while the file is being sent: answered before its last piece is made.
    expect(await (await fetch(`${origin}/other`)).json()).toEqual({ ok: true });
    const body = await response.text();
    expect(response.headers.get("transfer-encoding")).toBe("chunked");
    expect(body.length).toBe(4000 * 1024);
    expect(body.slice(-1024, -1016)).toBe("00003999");
    expect(answeredDuring[0]).toBeLessThan(4000);
  });

  it("waits for a slow client without leaving a listener behind each time", async () => {
    const counts: Array<{ close: number; error: number; drain: number }> = [];
    const count = (res: import("node:http").ServerResponse) => ({
      close: res.listenerCount("close"),
      error: res.listenerCount("error"),
      drain: res.listenerCount("drain"),
    });
    const origin = await serve(async (req, res) => {
      counts.push(count(res));
      await replyStream(
        req,
        res,
        200,
        "text/csv",
        Array.from({ length: 200 }, () => "y".repeat(40_000)),
      );
      counts.push(count(res));
    });
    expect((await (await fetch(`${origin}/file`)).text()).length).toBe(200 * 40_000);
    await expect.poll(() => counts.length).toBe(2);
    expect(counts[1]).toEqual(counts[0]);
  });

  it("stops making pieces when the client goes away", async () => {
    const taken = { n: 0 };
    let finished!: () => void;
    const done = new Promise<void>((resolve) => (finished = resolve));
    const origin = await serve((req, res) => {
      res.once("close", () => setTimeout(finished, 50));
      void replyStream(req, res, 200, "text/csv", pieces(100_000, taken));
    });
    await new Promise<void>((resolve) => {
      const req = httpRequest(`${origin}/file`, (res) => {
        res.once("data", () => {
          req.destroy();
          resolve();
        });
      });
      req.end();
    });
    await done;
    expect(taken.n).toBeGreaterThan(0);
    expect(taken.n).toBeLessThan(100_000);
  });

  it("answers HEAD with the headers alone", async () => {
    const taken = { n: 0 };
    const origin = await serve((req, res) => void replyStream(req, res, 200, "text/csv", pieces(10, taken)));
    const response = await fetch(`${origin}/file`, { method: "HEAD" });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv");
    expect(taken.n).toBe(0);
  });
});
