import { spawn } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { get } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, describe, expect, it } from "vitest";
import type { DatabaseLocation } from "../src/db/database-url.js";
import { testDatabases } from "./helpers/databases.js";

const engines = testDatabases();
afterAll(async () => {
  for (const engine of engines) await engine.cleanup();
});

/**
 * The real server, as `npm start` runs it, on a free port; resolves once /readyz says so from every one of
 * its WEB_CONCURRENCY workers. One ready worker says nothing of the other, which may not even listen yet:
 * the cluster then hands it no connections.
 */
async function startServer(env: Record<string, string>) {
  const workers = Number(env.WEB_CONCURRENCY ?? 1);
  const child = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  for (let i = 0; i < 300 && !/at http:\/\/127\.0\.0\.1:\d+/.test(output); i++) await sleep(50);
  const port = Number(/at http:\/\/127\.0\.0\.1:(\d+)/.exec(output)?.[1]);
  if (!port) throw new Error(`server did not start: ${output}`);
  const ready = new Set<string>();
  for (let i = 0; i < 300 && ready.size < workers; i++) {
    const answer = await status(port, "/readyz");
    if (answer.status === 200 && !ready.has(answer.worker)) ready.add(answer.worker);
    else await sleep(50);
  }
  return { child, port, exited };
}

/** One request on a connection of its own, so the cluster hands each to the next worker. */
function status(port: number, urlPath: string): Promise<{ status: number; worker: string }> {
  return new Promise((resolve, reject) => {
    get({ host: "127.0.0.1", port, path: urlPath, agent: false }, (res) => {
      res.resume();
      // The request id starts with a prefix of the process that answered.
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, worker: String(res.headers["x-request-id"] ?? "").split("-")[0] ?? "" }),
      );
    }).on("error", reject);
  });
}

const LIMIT = 100;
const SENT = 400;

/** Sends SENT searches from this one address, ten at a time, spread over `ports`; counts the answers. */
async function searchFlood(ports: number[]) {
  // The windows are minutes on the clock: do not let the flood straddle two of them.
  if (Date.now() % 60_000 > 50_000) await sleep(60_000 - (Date.now() % 60_000) + 100);
  const results: Array<{ status: number; worker: string }> = [];
  for (let i = 0; i < SENT; i += 10) {
    results.push(
      ...(await Promise.all(
        Array.from({ length: 10 }, (_, j) =>
          status(ports[(i + j) % ports.length] ?? 0, `/api/search?q=AE0${(i + j) % 7}`),
        ),
      )),
    );
  }
  return {
    answered: results.filter((r) => r.status === 200).length,
    refused: results.filter((r) => r.status === 429).length,
    processes: new Set(results.map((r) => r.worker)).size,
  };
}

/** Two processes answered, and together about one budget: counting alone they would answer twice the limit. */
function expectOneBudget({ answered, refused, processes }: Awaited<ReturnType<typeof searchFlood>>) {
  const seen = `${answered} answered, ${refused} refused, by ${processes} processes`;
  expect(processes, seen).toBe(2);
  expect(answered, seen).toBeGreaterThanOrEqual(LIMIT);
  // Each process decides before it hears of the others' latest counts, so a little over the limit can pass
  // on a loaded machine.
  expect(answered, seen).toBeLessThanOrEqual(LIMIT * 1.5);
  expect(answered + refused, seen).toBe(SENT);
}

describe("one search limit per client, however many processes serve it", () => {
  it("WEB_CONCURRENCY=2: the workers share one budget (each counting alone would answer twice the limit)", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "faq-limits-"));
    const server = await startServer({
      WEB_CONCURRENCY: "2",
      SEARCH_RATE_LIMIT: String(LIMIT),
      DATABASE_URL: `sqlite:${path.join(dir, "faq.db")}`,
    });
    try {
      expectOneBudget(await searchFlood([server.port]));
    } finally {
      server.child.kill("SIGTERM");
      expect(await server.exited).toBe(0);
    }
  }, 120_000);

  const postgres = engines.find((engine) => engine.name === "PostgreSQL");
  // PostgreSQL-only cases exist when TEST_DATABASE_URL names a server (CI always does); nothing is skipped.
  if (postgres)
    it("two replicas on one PostgreSQL share one budget", async () => {
      const location = (await postgres.fresh()) as Extract<DatabaseLocation, { kind: "postgres" }>;
      const [a, b] = await Promise.all([
        startServer({ SEARCH_RATE_LIMIT: String(LIMIT), DATABASE_URL: location.url }),
        startServer({ SEARCH_RATE_LIMIT: String(LIMIT), DATABASE_URL: location.url }),
      ]);
      try {
        expectOneBudget(await searchFlood([a.port, b.port]));
      } finally {
        a.child.kill("SIGTERM");
        b.child.kill("SIGTERM");
        expect(await Promise.all([a.exited, b.exited])).toEqual([0, 0]);
      }
    }, 120_000);
});
