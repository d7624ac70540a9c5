import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { AnalyticsStore } from "../../src/analytics/analytics-store.js";
import { dayOf } from "../../src/analytics/day.js";
import type { ReaderEvent } from "../../src/analytics/events.js";
import { migrate } from "../../src/db/migrations.js";
import { openDatabase } from "../../src/db/open-database.js";
import { testDatabases } from "../helpers/databases.js";

const NOW = Date.parse("2026-12-01T03:00:00Z");
const reader = (n: number, time = NOW) => ({ time, address: `203.0.113.${n}`, userAgent: `Mozilla/5.0 reader-${n}` });

/** The storage contract: the same suite on every engine the store supports. */
describe.each(testDatabases())("AnalyticsStore on $name", (engine) => {
  afterAll(() => engine.cleanup());

  const open = async () => {
    const { db } = await engine.migrated();
    return { db, store: new AnalyticsStore(db) };
  };

  it("keeps one vote per reader, question and day: a later vote that day replaces the earlier one", async () => {
    const { db, store } = await open();
    try {
      await store.write([
        { type: "vote", ...reader(1), question: "ae01", helpful: true, reason: null, comment: null },
        { type: "vote", ...reader(2), question: "ae01", helpful: true, reason: null, comment: null },
      ]);
      await store.write([
        {
          type: "vote",
          ...reader(1, NOW + 60_000),
          question: "ae01",
          helpful: false,
          reason: "unclear",
          comment: "[メール] に届かない",
        },
      ]);
      // The next day the same reader counts again.
      await store.write([
        { type: "vote", ...reader(1, NOW + 86_400_000), question: "ae01", helpful: true, reason: null, comment: null },
      ]);
      const rows = await db
        .selectFrom("feedback_votes")
        .select(["day", "helpful", "reason", "comment"])
        .orderBy("day")
        .orderBy("helpful")
        .execute();
      expect(rows).toEqual([
        { day: "2026-12-01", helpful: 0, reason: "unclear", comment: "[メール] に届かない" },
        { day: "2026-12-01", helpful: 1, reason: null, comment: null },
        { day: "2026-12-02", helpful: 1, reason: null, comment: null },
      ]);
    } finally {
      await db.destroy();
    }
  });

  it("keeps the last of two votes by one reader in the same batch", async () => {
    const { db, store } = await open();
    try {
      await store.write([
        { type: "vote", ...reader(1), question: "ae01", helpful: true, reason: null, comment: null },
        { type: "vote", ...reader(1, NOW + 10), question: "ae01", helpful: false, reason: "other", comment: null },
      ]);
      expect(await db.selectFrom("feedback_votes").select(["helpful", "reason"]).execute()).toEqual([
        { helpful: 0, reason: "other" },
      ]);
    } finally {
      await db.destroy();
    }
  });

  it("records searches and joins a later click to the same reader's latest search for that query", async () => {
    const { db, store } = await open();
    try {
      const search = (n: number, time: number): ReaderEvent => ({
        type: "search",
        ...reader(n, time),
        query: "パスワード",
        results: 3,
        topResult: "forgot-password",
        codeMatch: false,
        source: "page",
      });
      await store.write([search(1, NOW), search(1, NOW + 1000), search(2, NOW + 2000)]);
      await store.write([
        { type: "click", ...reader(1, NOW + 3000), query: "パスワード", question: "forgot-password", position: 2 },
      ]);
      await store.write([
        {
          type: "search",
          ...reader(3),
          query: "ae",
          results: 6,
          topResult: "ae01",
          codeMatch: false,
          source: "suggest",
          click: { question: "ae03", position: 3 },
        },
      ]);
      // Numbered by the database in the order they arrived: reader 1's two searches, reader 2's, the suggestion.
      const rows = await db
        .selectFrom("search_events")
        .select(["created_at", "clicked_question", "clicked_position", "source"])
        .orderBy("id")
        .execute();
      expect(rows).toEqual([
        { created_at: new Date(NOW).toISOString(), clicked_question: null, clicked_position: null, source: "page" },
        {
          created_at: new Date(NOW + 1000).toISOString(),
          clicked_question: "forgot-password",
          clicked_position: 2,
          source: "page",
        },
        {
          created_at: new Date(NOW + 2000).toISOString(),
          clicked_question: null,
          clicked_position: null,
          source: "page",
        },
        { created_at: new Date(NOW).toISOString(), clicked_question: "ae03", clicked_position: 3, source: "suggest" },
      ]);
    } finally {
      await db.destroy();
    }
  });

  it("stores every search of a large batch whole, each value in its own column, in the order they came", async () => {
    const { db, store } = await open();
    try {
      // 150 rows: more than one multi-row run, with a remainder; every column differs from row to row.
      const searches: ReaderEvent[] = Array.from({ length: 150 }, (_, i) => ({
        type: "search",
        ...reader(i % 7, NOW + i * 3),
        query: `検索 ${i}`,
        results: i % 4,
        topResult: i % 4 === 0 ? null : `q-${i}`,
        codeMatch: i % 3 === 0,
        source: i % 5 === 0 ? "suggest" : "page",
        ...(i % 5 === 0 ? { click: { question: `c-${i}`, position: 1 + (i % 9) } } : {}),
      }));
      await store.write(searches);
      const rows = await db
        .selectFrom("search_events")
        .select([
          "day",
          "query",
          "results",
          "top_result",
          "code_match",
          "source",
          "clicked_question",
          "clicked_position",
          "created_at",
        ])
        .orderBy("id")
        .execute();
      expect(rows).toEqual(
        searches.map((event, i) => ({
          day: "2026-12-01",
          query: `検索 ${i}`,
          results: i % 4,
          top_result: i % 4 === 0 ? null : `q-${i}`,
          code_match: i % 3 === 0 ? 1 : 0,
          source: i % 5 === 0 ? "suggest" : "page",
          clicked_question: i % 5 === 0 ? `c-${i}` : null,
          clicked_position: i % 5 === 0 ? 1 + (i % 9) : null,
          created_at: new Date(event.time).toISOString(),
        })),
      );
      // Seven readers, one key each.
      const keys = await db.selectFrom("search_events").select("visitor_key").distinct().execute();
      expect(keys).toHaveLength(7);
    } finally {
      await db.destroy();
    }
  });

  it("stores nothing that identifies a reader: no address, no user agent", async () => {
    const { db, store } = await open();
    try {
      await store.write([
        { type: "vote", ...reader(7), question: "ae01", helpful: false, reason: null, comment: "x" },
        { type: "search", ...reader(7), query: "ae01", results: 1, topResult: "ae01", codeMatch: true, source: "page" },
      ]);
      const dump = JSON.stringify([
        await db.selectFrom("feedback_votes").selectAll().execute(),
        await db.selectFrom("search_events").selectAll().execute(),
      ]);
      expect(dump).not.toContain("203.0.113.7");
      expect(dump).not.toContain("reader-7");
    } finally {
      await db.destroy();
    }
  });

  it("two stores on one database (two replicas) agree on the day's visitor key", async () => {
    const location = await engine.fresh();
    const first = openDatabase(location);
    const second = openDatabase(location);
    try {
      await migrate(first, location.kind);
      await new AnalyticsStore(first).write([
        { type: "vote", ...reader(1), question: "ae01", helpful: true, reason: null, comment: null },
      ]);
      await new AnalyticsStore(second).write([
        { type: "vote", ...reader(1, NOW + 1000), question: "ae01", helpful: false, reason: null, comment: null },
      ]);
      const rows = await first.selectFrom("feedback_votes").select("helpful").execute();
      expect(rows).toEqual([{ helpful: 0 }]);
    } finally {
      await first.destroy();
      await second.destroy();
    }
  });

  it("a batch is written whole or not at all", async () => {
    const { db, store } = await open();
    try {
      // Searches are written before votes: a search the database takes, then a vote it refuses (no question).
      const search = {
        type: "search",
        ...reader(1),
        query: "a",
        results: 0,
        topResult: null,
        codeMatch: false,
        source: "page",
      } as const;
      const vote = (question: string) =>
        ({ type: "vote", ...reader(1), question, helpful: true, reason: null, comment: null }) as const;
      await expect(store.write([search, vote("ae01"), vote(null as unknown as string)])).rejects.toThrow();
      expect(await db.selectFrom("feedback_votes").select("question_id").execute()).toEqual([]);
      expect(await db.selectFrom("search_events").select("query").execute()).toEqual([]);
      expect(await db.selectFrom("search_daily").select("query").execute()).toEqual([]);
    } finally {
      await db.destroy();
    }
  });

  it("purge deletes events past the retention period and every salt of a finished day", async () => {
    const { db, store } = await open();
    try {
      const old = NOW - 200 * 86_400_000;
      await store.write([
        { type: "vote", ...reader(1, old), question: "ae01", helpful: true, reason: null, comment: null },
        {
          type: "search",
          ...reader(1, old),
          query: "a",
          results: 0,
          topResult: null,
          codeMatch: false,
          source: "page",
        },
        { type: "vote", ...reader(1), question: "ae01", helpful: true, reason: null, comment: null },
      ]);
      expect(await store.purge(180, NOW)).toEqual({ votes: 1, searches: 1 });
      expect(await db.selectFrom("feedback_votes").select("day").execute()).toEqual([{ day: dayOf(NOW) }]);
      expect(await db.selectFrom("daily_salts").select("day").execute()).toEqual([{ day: dayOf(NOW) }]);
    } finally {
      await db.destroy();
    }
  });

  it("adds answer views to one sum per question and day, with nothing about the reader", async () => {
    const { db, store } = await open();
    try {
      await store.write([
        { type: "views", time: NOW, question: "ae04", count: 5 },
        { type: "views", time: NOW, question: "ae01", count: 1 },
      ]);
      await store.write([
        { type: "views", time: NOW + 1000, question: "ae04", count: 2 },
        { type: "views", time: NOW + 86_400_000, question: "ae04", count: 1 },
      ]);
      const rows = await db
        .selectFrom("answer_views_daily")
        .selectAll()
        .orderBy("day")
        .orderBy("question_id")
        .execute();
      expect(rows).toEqual([
        { day: "2026-12-01", question_id: "ae01", views: 1 },
        { day: "2026-12-01", question_id: "ae04", views: 7 },
        { day: "2026-12-02", question_id: "ae04", views: 1 },
      ]);
    } finally {
      await db.destroy();
    }
  });

  it("stores a contact with the day, the reader's day key, the answer, the code and the search", async () => {
    const { db, store } = await open();
    try {
      await store.write([
        { type: "contact", ...reader(1), question: "ae04", code: "AE04", query: "ae04 [電話番号]" },
        { type: "contact", ...reader(1), question: null, code: null, query: null },
      ]);
      // Nulls sort first on SQLite and last on PostgreSQL: the rows are put in order here.
      const rows = (await db.selectFrom("contact_events").selectAll().execute()).sort((a, b) =>
        (a.question_id ?? "").localeCompare(b.question_id ?? ""),
      );
      expect(rows.map(({ visitor_key: _key, created_at: _at, ...row }) => row)).toEqual([
        { day: "2026-12-01", question_id: null, code: null, query: null },
        { day: "2026-12-01", question_id: "ae04", code: "AE04", query: "ae04 [電話番号]" },
      ]);
      expect(rows[0]?.visitor_key).toMatch(/^[\w-]{16,}$/);
      expect(rows[0]?.visitor_key).not.toContain("203.0.113");
      expect(rows[0]?.visitor_key).toBe(rows[1]?.visitor_key);
    } finally {
      await db.destroy();
    }
  });

  it("purge deletes views and contacts past the retention period too", async () => {
    const { db, store } = await open();
    try {
      const old = NOW - 200 * 86_400_000;
      await store.write([
        { type: "views", time: old, question: "ae04", count: 3 },
        { type: "views", time: NOW, question: "ae04", count: 1 },
        { type: "contact", ...reader(1, old), question: "ae04", code: null, query: null },
        { type: "contact", ...reader(1), question: "ae04", code: null, query: null },
      ]);
      await store.purge(180, NOW);
      expect(await db.selectFrom("answer_views_daily").select("views").execute()).toEqual([{ views: 1 }]);
      expect(await db.selectFrom("contact_events").select("day").execute()).toEqual([{ day: "2026-12-01" }]);
    } finally {
      await db.destroy();
    }
  });

  it("records a reader's failed search and the answer they opened next as one rewrite, once a day", async () => {
    const { db, store } = await open();
    try {
      const search = (n: number, minute: number, query: string, results: number): ReaderEvent => ({
        type: "search",
        ...reader(n, NOW + minute * 60_000),
        query,
        results,
        topResult: null,
        codeMatch: false,
        source: "page",
      });
      const click = (n: number, minute: number, query: string): ReaderEvent => ({
        type: "click",
        ...reader(n, NOW + minute * 60_000),
        query,
        question: "verification-code-invalid",
        position: 1,
      });
      await store.write([search(1, 0, "二段階認証", 0), search(1, 1, "確認コード", 2)]);
      await store.write([click(1, 2, "確認コード")]);
      // The same again that day is the same evidence; a search 20 minutes earlier says nothing.
      await store.write([search(1, 3, "二段階認証", 0), search(1, 4, "確認コード", 2), click(1, 5, "確認コード")]);
      await store.write([search(2, -30, "古い検索", 0), search(2, 0, "確認コード", 2), click(2, 1, "確認コード")]);
      const rows = await db.selectFrom("search_rewrites").select(["from_query", "to_query", "question_id"]).execute();
      expect(rows).toEqual([
        { from_query: "二段階認証", to_query: "確認コード", question_id: "verification-code-invalid" },
      ]);
      await store.purge(180, NOW + 200 * 86_400_000);
      expect(await db.selectFrom("search_rewrites").selectAll().execute()).toEqual([]);
    } finally {
      await db.destroy();
    }
  });

  it("ping answers while the database does", async () => {
    const { db, store } = await open();
    await store.ping();
    expect((await sql<{ n: number }>`select 1 as n`.execute(db)).rows[0]?.n).toBe(1);
    await db.destroy();
    await expect(store.ping()).rejects.toThrow();
  });
});
