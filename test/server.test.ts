import { spawn } from "node:child_process";
import { connect } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";

/** Starts the real server process on a free port and resolves once it is listening. */
async function startServer(env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], { env: { ...process.env, PORT: "0", HOST: "127.0.0.1", ...env }, stdio: ["ignore", "pipe", "pipe"] });
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
  it("on SIGTERM finishes the requests in flight, then exits 0", async () => {
    const { child, port, exited } = await startServer();
    const count = 2000;
    const socket = connect(port, "127.0.0.1");
    await new Promise((resolve) => socket.once("connect", resolve));
    // Many pipelined requests whose responses the client does not read yet: the server is mid-way through
    // them, blocked on a full socket, when the signal arrives.
    const requests = Array.from({ length: count }, (_, i) => `GET /categories/hp-account HTTP/1.1\r\nHost: x\r\nAccept-Encoding: identity\r\n${i === count - 1 ? "Connection: close\r\n" : ""}\r\n`);
    socket.pause();
    socket.write(requests.join(""));
    await sleep(300);
    child.kill("SIGTERM");
    await sleep(300);
    expect(child.exitCode).toBeNull(); // still finishing
    let received = "";
    socket.on("data", (chunk: Buffer) => (received += chunk.toString("latin1")));
    const closed = new Promise((resolve) => socket.once("close", resolve));
    socket.resume();
    await closed;
    expect(received.match(/HTTP\/1\.1 200 OK/g)?.length).toBe(count);
    expect(await exited).toBe(0);
  }, 20_000);

  it("refuses to start on bad content, naming the file", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], { env: { ...process.env, PORT: "0", CONTENT_DIR: "/nonexistent-faq" }, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise((resolve) => child.once("exit", resolve));
    expect(code).toBe(1);
    expect(stderr).toContain("questions/: cannot be read (ENOENT)");
    expect(stderr).not.toMatch(/\n\s+at /);
  }, 20_000);
});
