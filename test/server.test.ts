import { spawn } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { connect, createServer as createNetServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";

/** Starts the real server process on a free port and resolves once it is listening. */
async function startServer(env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  for (let i = 0; i < 300 && !/:(\d+)\s*$/m.test(output); i++) await sleep(50);
  const port = Number(/at http:\/\/127\.0\.0\.1:(\d+)/.exec(output)?.[1]);
  if (!port) throw new Error(`server did not start: ${output}`);
  return { child, port, exited, output: () => output };
}

describe("server process", () => {
  it("on SIGTERM finishes the answer in progress, closes the rest at once, then exits 0", async () => {
    const { child, port, exited } = await startServer({
      DATABASE_URL: `sqlite:${path.join(await mkdtemp(path.join(tmpdir(), "faq-server-")), "votes.db")}`,
    });
    const open = async () => {
      const socket = connect(port, "127.0.0.1");
      let received = "";
      socket.on("data", (chunk: Buffer) => (received += chunk.toString("latin1")));
      const closed = new Promise((resolve) => socket.once("close", resolve));
      await new Promise((resolve) => socket.once("connect", resolve));
      return { socket, closed, received: () => received };
    };
    // A vote whose body is half sent: a request that has arrived and must be answered.
    const body = JSON.stringify({ question: "ae03", helpful: true });
    const voter = await open();
    voter.socket.write(
      `POST /api/feedback HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 10)}`,
    );
    // An idle keep-alive connection, and one still sending its headers: nothing to wait for.
    const idle = await open();
    idle.socket.write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    const halfSent = await open();
    halfSent.socket.write("GET / HTTP/1.1\r\nHost: x\r\nUser-Ag");
    await sleep(300);
    child.kill("SIGTERM");
    await Promise.all([idle.closed, halfSent.closed]);
    expect(child.exitCode).toBeNull(); // still answering the vote
    voter.socket.write(body.slice(10));
    await voter.closed;
    expect(voter.received()).toMatch(/^HTTP\/1\.1 201/);
    const started = performance.now();
    expect(await exited).toBe(0);
    expect(performance.now() - started).toBeLessThan(3_000);
  }, 20_000);

  it("on SIGTERM with only a half-sent request, exits 0 at once", async () => {
    const { child, port, exited } = await startServer({ ANALYTICS: "off" });
    const socket = connect(port, "127.0.0.1");
    socket.on("error", () => undefined);
    await new Promise((resolve) => socket.once("connect", resolve));
    socket.write("GET / HTTP/1.1\r\nHost: x\r\nUser-Ag");
    await sleep(200);
    const started = performance.now();
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(performance.now() - started).toBeLessThan(3_000);
    socket.destroy();
  }, 20_000);

  /** Runs the server to its exit and returns the code and what it printed on standard error. */
  async function runToExit(env: Record<string, string>) {
    const child = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
      env: { ...process.env, HOST: "127.0.0.1", ANALYTICS: "off", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const killer = setTimeout(() => child.kill("SIGKILL"), 15_000);
    const code = await new Promise((resolve) => child.once("exit", resolve));
    clearTimeout(killer);
    return { code, stderr };
  }

  it.each(["1", "2"])(
    "with WEB_CONCURRENCY=%s and bad content, says so once and exits 1",
    async (workers) => {
      const { code, stderr } = await runToExit({
        PORT: "0",
        WEB_CONCURRENCY: workers,
        CONTENT_DIR: "/nonexistent-faq",
      });
      expect(code).toBe(1);
      expect(stderr.match(/questions\/: cannot be read \(ENOENT\)/g)).toHaveLength(1);
      expect(stderr).not.toContain("starting another");
      expect(stderr).not.toMatch(/\n\s+at /);
    },
    20_000,
  );

  it.each(["1", "2"])(
    "with WEB_CONCURRENCY=%s and the port taken, says so once and exits 1",
    async (workers) => {
      const taken = createNetServer();
      await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
      const { port } = taken.address() as AddressInfo;
      try {
        const { code, stderr } = await runToExit({ PORT: String(port), WEB_CONCURRENCY: workers });
        expect(code).toBe(1);
        expect(
          stderr.match(new RegExp(`Port ${port} is in use: stop the other server or set PORT to a free port\\.`, "g")),
        ).toHaveLength(1);
        expect(stderr).not.toContain("starting another");
        expect(stderr).not.toMatch(/\n\s+at /);
      } finally {
        taken.close();
      }
    },
    20_000,
  );
});
