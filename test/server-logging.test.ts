import { spawn } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

/** The server with its standard output piped to us; the test decides whether to read it. */
async function startServer() {
  const dir = await mkdtemp(path.join(tmpdir(), "faq-log-"));
  const child = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", DATABASE_URL: `sqlite:${path.join(dir, "x.db")}`, SEARCH_RATE_LIMIT: "0" },
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
    const batch = await Promise.all(Array.from({ length: 50 }, () => fetch(`http://127.0.0.1:${port}/questions/ae01`).then((r) => r.status)));
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
