import { spawn } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../src/db/open-database.js";
import type { DatabaseLocation } from "../src/db/database-url.js";
import { testDatabases } from "./helpers/databases.js";

const engines = testDatabases();
afterAll(async () => {
  for (const engine of engines) await engine.cleanup();
});

const urlOf = (location: DatabaseLocation) => (location.kind === "sqlite" ? `sqlite:${location.file}` : location.url);

/** The real server process, as `npm start` runs it, on a free port. */
async function startServer(databaseUrl: string) {
  const child = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
    // Behind "a proxy" on loopback, so each reader below votes from an address of its own, as readers do.
    env: {
      ...process.env,
      PORT: "0",
      HOST: "127.0.0.1",
      DATABASE_URL: databaseUrl,
      FEEDBACK_RATE_LIMIT: "0",
      TRUST_PROXY: "loopback",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  for (let i = 0; i < 300 && !/at http:\/\/127\.0\.0\.1:\d+/.test(output); i++)
    await new Promise((r) => setTimeout(r, 50));
  const port = Number(/at http:\/\/127\.0\.0\.1:(\d+)/.exec(output)?.[1]);
  if (!port) throw new Error(`server did not start: ${output}`);
  // As a load balancer would: votes go to a replica only once /readyz says its database is ready.
  let ready = false;
  for (let i = 0; i < 300 && !ready; i++) {
    ready = (await fetch(`http://127.0.0.1:${port}/readyz`)).status === 200;
    if (!ready) await new Promise((r) => setTimeout(r, 50));
  }
  if (!ready) throw new Error(`server never became ready: ${output}`);
  return { child, port, exited, output: () => output };
}

/** A vote from reader number `reader`, each from an address of its own. */
const vote = (port: number, reader: number, question = "ae03") =>
  fetch(`http://127.0.0.1:${port}/api/feedback`, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      "X-Forwarded-For": `198.51.${Math.floor(reader / 250)}.${(reader % 250) + 1}`,
    },
    body: JSON.stringify({ question, helpful: true }),
  });

async function storedVotes(location: DatabaseLocation): Promise<number> {
  const db = openDatabase(location);
  try {
    const rows = await db
      .selectFrom("feedback_votes")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .execute();
    return Number(rows[0]?.n ?? 0);
  } finally {
    await db.destroy();
  }
}

describe("durability on SQLite", () => {
  it("after kill -9 during a stream of votes, every vote acknowledged more than a flush interval before is on disk", async () => {
    const sqlite = engines.find((e) => e.name === "SQLite");
    if (!sqlite) throw new Error("SQLite is always available");
    const location = await sqlite.fresh();
    const server = await startServer(urlOf(location));
    const acked: number[] = [];
    let stop = false;
    const stream = (async () => {
      for (let i = 0; !stop; i++) {
        const res = await vote(server.port, i).catch(() => undefined);
        if (res?.status === 201) acked.push(performance.now());
      }
    })();
    await new Promise((r) => setTimeout(r, 2_500));
    const killedAt = performance.now();
    server.child.kill("SIGKILL");
    await server.exited;
    stop = true;
    await stream;
    // The writer writes at least once a second; allow half a second more for the write itself.
    const surely = acked.filter((t) => t < killedAt - 1_500).length;
    expect(surely).toBeGreaterThan(50);
    const restarted = await startServer(urlOf(location));
    restarted.child.kill("SIGTERM");
    expect(await restarted.exited).toBe(0);
    const stored = await storedVotes(location);
    expect(stored).toBeGreaterThanOrEqual(surely);
    expect(stored).toBeLessThanOrEqual(acked.length);
  }, 30_000);

  it("SIGTERM writes every acknowledged vote before the process exits", async () => {
    const sqlite = engines.find((e) => e.name === "SQLite");
    if (!sqlite) throw new Error("SQLite is always available");
    const location = await sqlite.fresh();
    const server = await startServer(urlOf(location));
    let acked = 0;
    for (let i = 0; i < 200; i++) if ((await vote(server.port, i)).status === 201) acked++;
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
    expect(acked).toBe(200);
    expect(await storedVotes(location)).toBe(200);
  }, 30_000);
});

const postgres = engines.find((e) => e.name === "PostgreSQL");
// PostgreSQL-only cases exist when TEST_DATABASE_URL names a server (CI always does); nothing is skipped.
if (postgres)
  describe("two server processes on one PostgreSQL database", () => {
    it("count every vote sent to either", async () => {
      if (!postgres) return;
      const location = await postgres.fresh();
      const [a, b] = await Promise.all([startServer(urlOf(location)), startServer(urlOf(location))]);
      if (!a || !b) throw new Error("both servers start");
      const sends: Array<Promise<Response>> = [];
      for (let i = 0; i < 300; i++) sends.push(vote(i % 2 === 0 ? a.port : b.port, i));
      const statuses = (await Promise.all(sends)).map((res) => res.status);
      expect(statuses.filter((s) => s === 201)).toHaveLength(300);
      a.child.kill("SIGTERM");
      b.child.kill("SIGTERM");
      expect(await Promise.all([a.exited, b.exited])).toEqual([0, 0]);
      expect(await storedVotes(location)).toBe(300);
    }, 30_000);
  });
