import { spawn } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

/** The server with its standard output piped to us; the test decides whether to read it. */
async function startServer() {
  const dir = await mkdtemp(path.join(tmpdir(), "faq-log-"));
  const child = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
    env: {
      ...process.env,
      PORT: "0",
      HOST: "127.0.0.1",
      DATABASE_URL: `sqlite:${path.join(dir, "x.db")}`,
      SEARCH_RATE_LIMIT: "0",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  // The port is in the first lines; after that the test stops reading.
  let head = "";
  const port = await new Promise<number>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      head += chunk.toString();
      const found = /at http:\/\/127\.0\.0\.1:(\d+)/.exec(head);
      if (!found) return;
      child.stdout.off("data", onData);
      child.stdout.pause();
      resolve(Number(found[1]));
    };
    child.stdout.on("data", onData);
    child.once("exit", () => reject(new Error(`server exited: ${stderr}`)));
  });
  return { child, port, stderr: () => stderr };
}

async function hammer(port: number, count: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < count; i += 50) {
    const batch = await Promise.all(
      Array.from({ length: 50 }, () => fetch(`http://127.0.0.1:${port}/questions/ae01`).then((r) => r.status)),
    );
    statuses.push(...batch);
  }
  return statuses;
}

describe("a log reader that cannot keep up", () => {
  it("never stalls requests: with standard output unread, thousands of requests are still answered", async () => {
    const { child, port } = await startServer();
    try {
      // About 200 bytes a line: 3,000 lines overflow a 64 KiB pipe several times over.
      const started = performance.now();
      const statuses = await hammer(port, 3000);
      expect(statuses.every((s) => s === 200)).toBe(true);
      expect(performance.now() - started).toBeLessThan(15_000);
      expect(child.exitCode).toBeNull();
    } finally {
      child.kill("SIGKILL");
    }
  }, 30_000);

  it("a closed standard output does not end the process", async () => {
    const { child, port } = await startServer();
    try {
      child.stdout.destroy();
      const statuses = await hammer(port, 500);
      expect(statuses.every((s) => s === 200)).toBe(true);
      expect(child.exitCode).toBeNull();
    } finally {
      child.kill("SIGKILL");
    }
  }, 30_000);
});

describe("METRICS_PORT", () => {
  it("serves /metrics without a token on 127.0.0.1 only, while the site's /metrics stays closed", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "faq-metrics-"));
    const probe = await import("node:net").then(
      ({ createServer }) =>
        new Promise<number>((resolve) => {
          const server = createServer().listen(0, "127.0.0.1", () => {
            const address = server.address();
            server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
          });
        }),
    );
    const child = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
      env: {
        ...process.env,
        PORT: "0",
        HOST: "0.0.0.0",
        METRICS_PORT: String(probe),
        DATABASE_URL: `sqlite:${path.join(dir, "x.db")}`,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    try {
      let out = "";
      child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
      for (let i = 0; i < 200 && !/at http:\/\/localhost:(\d+)/.test(out); i++)
        await new Promise((r) => setTimeout(r, 50));
      const site = Number(/at http:\/\/localhost:(\d+)/.exec(out)?.[1]);
      await fetch(`http://127.0.0.1:${site}/questions/ae01`);
      const scraped = await fetch(`http://127.0.0.1:${probe}/metrics`);
      expect(scraped.status).toBe(200);
      expect(await scraped.text()).toMatch(
        /http_requests_total\{route="\/questions\/:id",method="GET",status="200"\} 1/,
      );
      expect((await fetch(`http://127.0.0.1:${probe}/other`)).status).toBe(404);
      // Bound to the loopback address only: the kernel's table of listening sockets says 127.0.0.1.
      const { readFile } = await import("node:fs/promises");
      const portHex = probe.toString(16).toUpperCase().padStart(4, "0");
      const listening = (await readFile("/proc/net/tcp", "utf8"))
        .split("\n")
        .map((line) => line.trim().split(/\s+/))
        .filter((cols) => cols[1]?.endsWith(`:${portHex}`) && cols[3] === "0A");
      expect(listening.map((cols) => cols[1])).toEqual([`0100007F:${portHex}`]);
      expect((await fetch(`http://127.0.0.1:${site}/metrics`)).status).toBe(404);
    } finally {
      child.kill("SIGKILL");
    }
  }, 30_000);
});
