import type { IncomingMessage, ServerResponse } from "node:http";
import { connect, type Socket } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import {
  createHttpServer,
  DEFAULT_LIMITS,
  type ConnectionLimits,
  type HttpServer,
} from "../../../src/web/http/http-server.js";

const PAGE = Buffer.alloc(22_000, "a");
const running: HttpServer[] = [];
const sockets: Socket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  for (const http of running.splice(0)) await http.shutdown(100);
});

/** A real server on a free port, with limits short enough for a test. */
async function serve(
  limits: Partial<ConnectionLimits>,
  handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end(PAGE),
) {
  const http = createHttpServer(handle, { ...DEFAULT_LIMITS, checkIntervalMs: 100, ...limits });
  running.push(http);
  await new Promise<void>((resolve) => http.server.listen(0, "127.0.0.1", resolve));
  return { http, port: (http.server.address() as AddressInfo).port };
}

/** A raw client, to send requests as slowly or as greedily as an attacker would. */
async function client(port: number) {
  const socket = connect(port, "127.0.0.1");
  sockets.push(socket);
  let received = "";
  socket.on("data", (chunk: Buffer) => (received += chunk.toString("latin1")));
  socket.on("error", () => undefined);
  const closed = new Promise<number>((resolve) => socket.once("close", () => resolve(performance.now())));
  await new Promise((resolve) => socket.once("connect", resolve));
  return { socket, closed, received: () => received };
}

const isOpen = (socket: Socket) => !socket.destroyed && socket.readyState === "open";

/** Sends `text`, then one more byte every 100 ms, `times` bytes in all, until the server closes the socket. */
async function trickle(socket: Socket, text: string, times: number): Promise<void> {
  socket.write(text);
  for (let i = 0; i < times && isOpen(socket); i++) {
    socket.write("a");
    await sleep(100);
  }
}

describe("the HTTP server's limits", () => {
  it("closes a connection whose headers arrive a byte at a time, at the headers limit", async () => {
    const { port } = await serve({ headersTimeoutMs: 500 });
    const slow = await client(port);
    const started = performance.now();
    const header = "GET / HTTP/1.1\r\nHost: x\r\nX-Padding: ";
    for (let i = 0; i < 30 && isOpen(slow.socket); i++) {
      slow.socket.write(header[i] ?? "a");
      await sleep(100);
    }
    const closedAt = await slow.closed;
    expect(closedAt - started).toBeLessThan(1_500);
    expect(slow.received()).toMatch(/^HTTP\/1\.1 408/);
  });

  it("closes a connection whose body trickles in, at the request limit, though the headers came at once", async () => {
    // This handler waits for the body, as the vote and sign-in routes do.
    const { port } = await serve({ headersTimeoutMs: 500, requestTimeoutMs: 800 }, (req, res) => {
      req.resume();
      req.on("end", () => res.end("read"));
    });
    const slow = await client(port);
    const started = performance.now();
    await trickle(slow.socket, "POST /api/feedback HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n", 40);
    expect((await slow.closed) - started).toBeLessThan(2_000);
    expect(slow.received()).toMatch(/^HTTP\/1\.1 408/);
  });

  it("once the answer to a request is sent, closes its connection if the body was never read", async () => {
    const { port } = await serve({ requestTimeoutMs: 30_000 }, (_req, res) => {
      res.statusCode = 404;
      res.end("not here");
    });
    const slow = await client(port);
    const started = performance.now();
    await trickle(slow.socket, "POST /nope HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n", 50);
    expect((await slow.closed) - started).toBeLessThan(2_500);
    expect(slow.received()).toMatch(/^HTTP\/1\.1 404[\s\S]*not here$/);
  });

  it("accepts no more than maxConnections at once, and takes new ones as others close", async () => {
    const { port } = await serve({ maxConnections: 3 });
    const held = await Promise.all([client(port), client(port), client(port)]);
    const extra = await client(port);
    await extra.closed;
    expect(extra.received()).toBe("");
    held[0]?.socket.destroy();
    await held[0]?.closed;
    await sleep(50);
    const next = await client(port);
    next.socket.write("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    await next.closed;
    expect(next.received()).toMatch(/^HTTP\/1\.1 200/);
  });

  it("cuts off a client that pipelines request after request without reading the answers", async () => {
    let answered = 0;
    const { port } = await serve({}, (_req, res) => {
      answered++;
      res.end(PAGE);
    });
    const greedy = await client(port);
    greedy.socket.pause();
    greedy.socket.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".repeat(5_000));
    await sleep(1_000);
    // Far fewer answers than requests were prepared: what the kernel's buffers hold, not 5,000 × 22 KB.
    expect(answered).toBeGreaterThan(0);
    expect(answered).toBeLessThan(1_000);
    greedy.socket.resume();
    await greedy.closed;
    // Meanwhile, everyone else is served.
    const other = await client(port);
    other.socket.write("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    await other.closed;
    expect(other.received()).toMatch(/^HTTP\/1\.1 200/);
  });

  it("closes a connection after maxRequestsPerSocket answers, even if the client keeps sending", async () => {
    const { port } = await serve({ maxRequestsPerSocket: 2 });
    const keepAlive = await client(port);
    keepAlive.socket.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    await sleep(100);
    // A client that ignores "Connection: close" and pipelines on: it gets no 503s, just a closed connection.
    keepAlive.socket.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".repeat(3));
    await keepAlive.closed;
    const answers = keepAlive.received().split(/(?=HTTP\/1\.1 )/);
    expect(answers.map((answer) => answer.slice(0, 12))).toEqual(["HTTP/1.1 200", "HTTP/1.1 200"]);
    expect(answers[0]).toMatch(/Connection: keep-alive/i);
    expect(answers[1]).toMatch(/Connection: close/i);
  });
});

describe("shutdown", () => {
  it("closes idle connections and ones still sending their headers at once, and says every answer was sent", async () => {
    const { http, port } = await serve({});
    const idle = await client(port);
    idle.socket.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    await sleep(100);
    const halfSent = await client(port);
    halfSent.socket.write("GET / HTTP/1.1\r\nHost: x\r\nUser-Agent: slo");
    await sleep(50);
    const started = performance.now();
    expect(await http.shutdown(5_000)).toBe(true);
    expect(performance.now() - started).toBeLessThan(1_000);
    await Promise.all([idle.closed, halfSent.closed]);
    expect(halfSent.received()).toBe("");
  });

  it("lets an answer in progress finish, then resolves", async () => {
    const { http, port } = await serve({}, (req, res) => {
      req.resume();
      req.on("end", () => res.end("stored"));
    });
    const voter = await client(port);
    voter.socket.write("POST /api/feedback HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n12345");
    await sleep(100);
    let done = false;
    const finished = http.shutdown(5_000).then((all) => {
      done = true;
      return all;
    });
    await sleep(300);
    expect(done).toBe(false);
    voter.socket.write("67890");
    expect(await finished).toBe(true);
    await voter.closed;
    expect(voter.received()).toMatch(/^HTTP\/1\.1 200[\s\S]*stored$/);
  });

  it("resolves false once the grace period is over, cutting what is left", async () => {
    const { http, port } = await serve({}, () => undefined);
    const stuck = await client(port);
    stuck.socket.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    await sleep(100);
    expect(await http.shutdown(300)).toBe(false);
    await stuck.closed;
  });
});
