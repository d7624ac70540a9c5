import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { Operators } from "../../src/admin/operators.js";
import { startAnalytics } from "../../src/analytics/analytics-service.js";
import { migrate, SchemaTooNewError } from "../../src/db/migrations.js";
import type { DatabaseLocation } from "../../src/db/database-url.js";
import { openDatabase } from "../../src/db/open-database.js";
import { collectingLog, readyAnalytics } from "../helpers/analytics.js";
import { testDatabases } from "../helpers/databases.js";
import { tcpProxy } from "../helpers/tcp-proxy.js";

const engines = testDatabases();
afterAll(async () => {
  for (const engine of engines) await engine.cleanup();
});

const vote = (question: string) =>
  ({
    type: "vote",
    time: Date.now(),
    address: "203.0.113.1",
    userAgent: "x",
    question,
    helpful: true,
    reason: null,
    comment: null,
  }) as const;

/** The questions voted on, as a fresh connection reads them from the database. */
async function votedQuestions(location: DatabaseLocation): Promise<string[]> {
  const db = openDatabase(location);
  try {
    return (await db.selectFrom("feedback_votes").select("question_id").orderBy("question_id").execute()).map(
      (row) => row.question_id,
    );
  } finally {
    await db.destroy();
  }
}

describe.each(engines)("analytics service on $name", (engine) => {
  it("with the writer on its own thread, writes each batch through it, and on close ends the thread", async () => {
    const location = await engine.fresh();
    const analytics = startAnalytics(location, {
      retentionDays: 180,
      log: collectingLog(),
      writer: "thread",
      queue: { intervalMs: 60_000 },
    });
    await analytics.ready;
    analytics.record(vote("ae01"));
    await analytics.queue.flush();
    expect(analytics.queue.written).toBe(1);
    // The main thread's own connection sees what the writer thread committed.
    expect(await analytics.db.selectFrom("feedback_votes").select("question_id").execute()).toEqual([
      { question_id: "ae01" },
    ]);
    // Reports read through a connection that never holds the event loop: on SQLite one on its own thread.
    expect(analytics.reportsDb === analytics.db).toBe(location.kind === "postgres");
    expect(await analytics.reportsDb.selectFrom("feedback_votes").select("question_id").execute()).toEqual([
      { question_id: "ae01" },
    ]);
    analytics.record(vote("ae02"));
    await analytics.close();
    expect(await votedQuestions(location)).toEqual(["ae01", "ae02"]);
    // Closed with the service: a query there fails at once rather than waiting on an ended thread.
    if (location.kind === "sqlite")
      await expect(analytics.reportsDb.selectFrom("feedback_votes").selectAll().execute()).rejects.toThrow();
  });

  it("migrates at start, says so in one line with the facts, and writes what was queued on close", async () => {
    const location = await engine.fresh();
    const analytics = await readyAnalytics(location);
    expect(analytics.accepting).toBe(true);
    expect(analytics.log.lines[0]).toMatchObject({
      level: "info",
      message: "database connected and migrated",
      facts: {
        applied: [
          "001-feedback-and-searches",
          "002-operators-and-report-rollups",
          "003-shared-rate-limits",
          "004-one-index-on-search-days",
          "005-search-events-numbered-by-the-database",
          "006-answer-views-and-contacts",
          "007-notices-audit-log-and-alerts",
          "008-search-rewrites-and-suggestion-decisions",
        ],
      },
    });
    analytics.record(vote("ae01"));
    analytics.record(vote("ae02"));
    await analytics.close();
    expect(await votedQuestions(location)).toEqual(["ae01", "ae02"]);
  });

  it("the daily clean-up also deletes the dashboard's expired sessions and ended sign-in lockouts", async () => {
    const location = await engine.fresh();
    const db = openDatabase(location);
    const now = Date.now();
    const iso = (ms: number) => new Date(ms).toISOString();
    const DAY = 24 * 3600_000;
    try {
      await migrate(db, location.kind);
      await new Operators(db).add("support-lead", "correct horse battery staple");
      const session = { user_name: "support-lead", csrf_token: "t", created_at: iso(now - DAY) };
      await db
        .insertInto("admin_sessions")
        .values([
          { ...session, id_hash: "expired", last_seen_at: iso(now - DAY) },
          { ...session, id_hash: "live", created_at: iso(now - 60_000), last_seen_at: iso(now - 60_000) },
        ])
        .execute();
      await db
        .insertInto("admin_lockouts")
        .values([
          { key: "user:ended", until: iso(now - 60_000) },
          { key: "user:locked", until: iso(now + 600_000) },
        ])
        .execute();
      await db
        .insertInto("admin_login_failures")
        .values({ key: "user:old", at: iso(now - DAY) })
        .execute();
    } finally {
      await db.destroy();
    }
    const analytics = await readyAnalytics(location);
    await expect
      .poll(() => analytics.log.lines.some((line) => line.message.startsWith("analytics retention")))
      .toBe(true);
    await analytics.close();
    const after = openDatabase(location);
    try {
      expect((await after.selectFrom("admin_sessions").select("id_hash").execute()).map((r) => r.id_hash)).toEqual([
        "live",
      ]);
      expect((await after.selectFrom("admin_lockouts").select("key").execute()).map((r) => r.key)).toEqual([
        "user:locked",
      ]);
      expect(await after.selectFrom("admin_login_failures").selectAll().execute()).toEqual([]);
    } finally {
      await after.destroy();
    }
  });

  it("one event the database cannot store (a NUL, which PostgreSQL refuses) is dropped alone; votes go on", async () => {
    const location = await engine.fresh();
    const analytics = await readyAnalytics(location);
    const poisoned = {
      type: "search",
      time: Date.now(),
      address: "203.0.113.1",
      userAgent: "x",
      query: "ae\u0000\uD800",
      results: 1,
      topResult: "ae01",
      codeMatch: true,
      source: "page",
    } as const;
    analytics.record(vote("ae01"));
    analytics.record(poisoned);
    analytics.record(vote("ae02"));
    await analytics.queue.flush();
    expect(analytics.accepting).toBe(true);
    analytics.record(vote("ae03"));
    await analytics.close();
    expect(await votedQuestions(location)).toEqual(["ae01", "ae02", "ae03"]);
  });

  it("refuses a database whose schema is newer than the code", async () => {
    const location = await engine.fresh();
    const db = openDatabase(location);
    await migrate(db, location.kind);
    await sql`insert into kysely_migration (name, timestamp) values ('999-next', '2027-01-01T00:00:00.000Z')`.execute(
      db,
    );
    await db.destroy();
    const analytics = startAnalytics(location, { retentionDays: 180, log: collectingLog() });
    await expect(analytics.ready).rejects.toThrow(SchemaTooNewError);
    expect(analytics.accepting).toBe(false);
    await analytics.close();
  });
});

const postgres = engines.find((engine) => engine.name === "PostgreSQL");
// PostgreSQL-only cases exist when TEST_DATABASE_URL names a server (CI always does); nothing is skipped.
if (postgres)
  describe("with PostgreSQL going away", () => {
    it("starts while PostgreSQL is unreachable, refuses votes, and takes them once it answers", async () => {
      if (!postgres) return;
      const location = await postgres.fresh();
      if (location.kind !== "postgres") return;
      const real = new URL(location.url);
      const proxy = await tcpProxy({ host: real.hostname, port: Number(real.port || 5432) });
      const through = new URL(real.href);
      through.host = `127.0.0.1:${proxy.port}`;
      const log = collectingLog();
      const analytics = startAnalytics(
        { kind: "postgres", url: through.href },
        { retentionDays: 180, log, retryMs: 50 },
      );
      try {
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(analytics.accepting).toBe(false);
        await expect(analytics.check()).rejects.toThrow("the schema is not migrated yet");
        expect(log.lines.filter((l) => l.level === "error").map((l) => l.message)).toEqual([
          "database unavailable at start: pages and search are served; feedback waits for it",
        ]);
        await proxy.up();
        await analytics.ready;
        expect(analytics.accepting).toBe(true);
        await analytics.check();

        // Down again under traffic: the writer notices, feedback is refused, and writing resumes by itself.
        analytics.record(vote("ae01"));
        await proxy.down();
        await analytics.queue.flush();
        expect(analytics.accepting).toBe(false);
        // What /readyz asks: it fails while the server is away.
        await expect(analytics.check()).rejects.toThrow();
        await proxy.up();
        await analytics.queue.flush();
        expect(analytics.accepting).toBe(true);
        await analytics.check();
        expect(await analytics.db.selectFrom("feedback_votes").select("question_id").execute()).toEqual([
          { question_id: "ae01" },
        ]);
      } finally {
        await analytics.close();
        await proxy.down();
      }
    });
  });
