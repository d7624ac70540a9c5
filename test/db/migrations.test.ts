import { Migrator, sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { AnalyticsStore } from "../../src/analytics/analytics-store.js";
import { migrate, migrationsFor, SchemaTooNewError } from "../../src/db/migrations.js";
import { type Db, openDatabase } from "../../src/db/open-database.js";
import { testDatabases } from "../helpers/databases.js";

/** The schema as the release before 005 left it. */
async function migrateTo004(db: Db, kind: "sqlite" | "postgres"): Promise<void> {
  const schema =
    kind === "postgres" ? (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]?.s : undefined;
  const before = new Migrator({
    db,
    provider: { getMigrations: async () => migrationsFor(kind) },
    migrationTableSchema: schema,
  });
  expect((await before.migrateTo("004-one-index-on-search-days")).error).toBeUndefined();
}

describe.each(testDatabases())("migrations on $name", (engine) => {
  afterAll(() => engine.cleanup());

  it("apply every migration once, and again is a no-op", async () => {
    const location = await engine.fresh();
    const db = openDatabase(location);
    try {
      expect(await migrate(db, location.kind)).toEqual({ applied: Object.keys(migrationsFor(location.kind)) });
      expect(await migrate(db, location.kind)).toEqual({ applied: [] });
      const tables = (await db.introspection.getTables()).map((t) => t.name);
      expect(tables).toEqual(expect.arrayContaining(["daily_salts", "feedback_votes", "search_events"]));
    } finally {
      await db.destroy();
    }
  });

  it("number the searches of a database made before 005 by the database, keeping their order and clicks", async () => {
    const location = await engine.fresh();
    const db = openDatabase(location);
    try {
      // The schema as the release before this one left it, with searches under text ids made by the server.
      await migrateTo004(db, location.kind);
      const row = (id: string, query: string, clicked: string | null) =>
        sql`insert into search_events (id, day, visitor_key, query, results, top_result, code_match, source, clicked_question, clicked_position, created_at)
          values (${id}, '2026-12-01', 'k', ${query}, 1, 'ae01', 0, 'page', ${clicked}, ${clicked ? 1 : null}, ${`2026-12-01T00:00:0${id.at(-1)}.000Z`})`.execute(
          db,
        );
      // Written in another order than they were made: the numbers follow the time they were made.
      await row("0000000000002", "second", null);
      await row("0000000000001", "first", "ae01");
      expect(await migrate(db, location.kind)).toEqual({
        applied: [
          "005-search-events-numbered-by-the-database",
          "006-answer-views-and-contacts",
          "007-notices-audit-log-and-alerts",
          "008-search-rewrites-and-suggestion-decisions",
        ],
      });
      // New searches are numbered after the old ones.
      const store = new AnalyticsStore(db);
      const time = Date.parse("2026-12-01T00:00:05.000Z");
      await store.write([
        {
          type: "search",
          time,
          address: "a",
          userAgent: "b",
          query: "third",
          results: 0,
          topResult: null,
          codeMatch: false,
          source: "page",
        },
      ]);
      const rows = await db.selectFrom("search_events").select(["query", "clicked_question"]).orderBy("id").execute();
      expect(rows).toEqual([
        { query: "first", clicked_question: "ae01" },
        { query: "second", clicked_question: null },
        { query: "third", clicked_question: null },
      ]);
    } finally {
      await db.destroy();
    }
  });

  it("refuse a database migrated by a newer release, saying so", async () => {
    const location = await engine.fresh();
    const db = openDatabase(location);
    try {
      await migrate(db, location.kind);
      await sql`insert into kysely_migration (name, timestamp) values ('999-from-the-future', '2027-01-01T00:00:00.000Z')`.execute(
        db,
      );
      await expect(migrate(db, location.kind)).rejects.toThrow(SchemaTooNewError);
      await expect(migrate(db, location.kind)).rejects.toThrow(
        "The database schema is newer than this code: it has migration 999-from-the-future",
      );
    } finally {
      await db.destroy();
    }
  });
});

describe("search_events indexes on SQLite", () => {
  const sqlite = testDatabases().find((engine) => engine.name === "SQLite");
  if (!sqlite) throw new Error("SQLite is always available");
  afterAll(() => sqlite.cleanup());

  // One index, led by the day, serves both queries that read the table: neither scans it.
  it.each([
    [
      "the click join",
      sql`select id from search_events where day = '2026-12-02' and visitor_key = 'k' and query = 'q' and clicked_question is null and created_at <= 'z' order by created_at desc limit 1`,
    ],
    ["the retention purge", sql`delete from search_events where day < '2026-06-01'`],
  ])("%s searches search_events_visitor", async (_name, query) => {
    const { db } = await sqlite.migrated();
    try {
      const indexes = await sql<{
        name: string;
      }>`select name from sqlite_master where type = 'index' and tbl_name = 'search_events'`.execute(db);
      expect(indexes.rows.map((row) => row.name)).not.toContain("search_events_day");
      const plan = await sql<{ detail: string }>`explain query plan ${query}`.execute(db);
      const details = plan.rows.map((row) => row.detail).join("\n");
      expect(details).toContain("USING INDEX search_events_visitor");
      expect(details).not.toMatch(/SCAN search_events\b/);
    } finally {
      await db.destroy();
    }
  });
});

// Another process writing meanwhile: on SQLite one writer at a time already makes the copy whole, and in one
// process better-sqlite3's busy wait would block the very transaction it waits for. CI runs this on PostgreSQL.
describe.each(testDatabases().filter((engine) => engine.name !== "SQLite"))("migration 005 on $name", (engine) => {
  afterAll(() => engine.cleanup());

  it("005 loses no search that a replica on the release before writes while it copies", async () => {
    const location = await engine.fresh();
    const db = openDatabase(location);
    const older = openDatabase(location);
    try {
      await migrateTo004(db, location.kind);
      let commit: () => void = () => undefined;
      let inserted: () => void = () => undefined;
      const rowIn = new Promise<void>((resolve) => (inserted = resolve));
      // The older replica's batch: written, not yet committed, when the migration starts.
      const writing = older.transaction().execute(async (trx) => {
        await sql`insert into search_events (id, day, visitor_key, query, results, top_result, code_match, source, clicked_question, clicked_position, created_at)
          values ('0000000000009', '2026-12-01', 'k', 'late', 1, 'ae01', 0, 'page', null, null, '2026-12-01T00:00:09.000Z')`.execute(
          trx,
        );
        inserted();
        await new Promise<void>((resolve) => (commit = resolve));
      });
      await rowIn;
      const migrating = migrate(db, location.kind);
      await new Promise((resolve) => setTimeout(resolve, 300));
      commit();
      await writing;
      await migrating;
      const rows = await db.selectFrom("search_events").select("query").execute();
      expect(rows.map((row) => row.query)).toEqual(["late"]);
    } finally {
      await older.destroy();
      await db.destroy();
    }
  });
});
