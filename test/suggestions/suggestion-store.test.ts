import { afterAll, describe, expect, it } from "vitest";
import { AuditLog } from "../../src/admin/audit-log.js";
import { periodEnding } from "../../src/admin/report-math.js";
import { AnalyticsStore } from "../../src/analytics/analytics-store.js";
import type { ReaderEvent } from "../../src/analytics/events.js";
import { mineSuggestions } from "../../src/suggestions/mine.js";
import { SuggestionStore } from "../../src/suggestions/suggestion-store.js";
import { testDatabases } from "../helpers/databases.js";

const NOW = Date.parse("2026-12-01T03:00:00Z");
const MINUTE = 60_000;
const reader = (n: number, minute: number, userAgent = `Mozilla/5.0 reader-${n}`) => ({
  time: NOW + minute * MINUTE,
  address: `203.0.113.${n}`,
  userAgent,
});
const search = (n: number, minute: number, query: string, results: number, userAgent?: string): ReaderEvent => ({
  type: "search",
  ...reader(n, minute, userAgent),
  query,
  results,
  topResult: results > 0 ? "cannot-log-in" : null,
  codeMatch: false,
  source: "page",
});
const click = (n: number, minute: number, query: string, question: string, userAgent?: string): ReaderEvent => ({
  type: "click",
  ...reader(n, minute, userAgent),
  query,
  question,
  position: 1,
});

/** One reader: a search that finds nothing, then another from which they open `question`. */
const rewrite = (n: number, from: string, to: string, question: string, userAgent?: string) => [
  search(n, 0, from, 0, userAgent),
  search(n, 2, to, 3, userAgent),
  click(n, 3, to, question, userAgent),
];

describe.each(testDatabases())("SuggestionStore on $name", (engine) => {
  afterAll(() => engine.cleanup());
  const period = periodEnding(30, NOW + 3_600_000);

  const mined = async (store: SuggestionStore) => {
    const evidence = await store.evidence(period);
    return mineSuggestions({
      rewrites: evidence.rewrites,
      unanswered: evidence.unanswered,
      readersOf: (q) => evidence.readers.get(q) ?? 0,
      firstResultOf: () => undefined,
      knows: () => false,
      answerHas: () => false,
      synonyms: [],
    });
  };

  it("turns three readers' rewrites into a keyword suggestion, with the rewrite they used as its example", async () => {
    const { db } = await engine.migrated();
    try {
      const analytics = new AnalyticsStore(db);
      for (const n of [1, 2, 3])
        await analytics.write(rewrite(n, "二段階認証", "確認コード", "verification-code-invalid"));
      const found = await mined(new SuggestionStore(db));
      expect(found).toContainEqual(
        expect.objectContaining({
          kind: "keyword",
          keyword: "二段階認証",
          question: "verification-code-invalid",
          readers: 3,
          queries: ["二段階認証"],
          examples: ["確認コード"],
        }),
      );
    } finally {
      await db.destroy();
    }
  });

  it("counts one client that changes its User-Agent as one reader, and proposes nothing for it", async () => {
    const { db } = await engine.migrated();
    try {
      const analytics = new AnalyticsStore(db);
      for (const agent of ["A", "B", "C", "D"])
        await analytics.write(rewrite(7, "二段階認証", "確認コード", "x", agent));
      expect(await mined(new SuggestionStore(db))).toEqual([]);
    } finally {
      await db.destroy();
    }
  });

  it("takes a はい vote after a failed search as reaching the answer; a いいえ vote, not", async () => {
    const { db } = await engine.migrated();
    try {
      const analytics = new AnalyticsStore(db);
      const vote = (n: number, helpful: boolean): ReaderEvent => ({
        type: "vote",
        ...reader(n, 4),
        question: "ae03",
        helpful,
        reason: null,
        comment: null,
      });
      for (const n of [1, 2, 3]) await analytics.write([search(n, 0, "二重統合", 2), vote(n, true)]);
      for (const n of [4, 5, 6]) await analytics.write([search(n, 0, "統合失敗", 2), vote(n, false)]);
      const found = await mined(new SuggestionStore(db));
      expect(found.map((s) => s.kind === "keyword" && [s.keyword, s.question, s.readers])).toEqual([
        ["二重統合", "ae03", 3],
      ]);
    } finally {
      await db.destroy();
    }
  });

  it("lists a query three readers searched in vain, and leaves out one that two did", async () => {
    const { db } = await engine.migrated();
    try {
      const analytics = new AnalyticsStore(db);
      for (const n of [1, 2, 3]) await analytics.write([search(n, 0, "プリンター 設定", 0)]);
      for (const n of [4, 5]) await analytics.write([search(n, 0, "山田 太郎", 0)]);
      const found = await mined(new SuggestionStore(db));
      expect(found.map((s) => s.kind === "gap" && s.query)).toEqual(["プリンター 設定"]);
    } finally {
      await db.destroy();
    }
  });

  it("remembers an accept or a dismiss with who and when, takes it back on reopen, and logs each", async () => {
    const { db } = await engine.migrated();
    try {
      const store = new SuggestionStore(db);
      const suggestion = { kind: "gap" as const, id: "abc", query: "プリンター 設定", readers: 3 };
      await store.decide(suggestion, "dismissed", "support-lead", NOW);
      await store.decide(suggestion, "accepted", "support-lead", NOW + 1000);
      expect(await store.decisions()).toEqual([
        {
          id: "abc",
          status: "accepted",
          suggestion,
          decidedBy: "support-lead",
          decidedAt: new Date(NOW + 1000).toISOString(),
        },
      ]);
      expect(await store.reopen("abc", "support-lead", NOW + 2000)).toBe(true);
      expect(await store.reopen("abc", "support-lead", NOW + 3000)).toBe(false);
      expect(await store.decisions()).toEqual([]);
      const actions = (await new AuditLog(db).recent()).map((e) => e.action);
      expect(actions).toEqual(["suggestion.reopen", "suggestion.accept", "suggestion.dismiss"]);
    } finally {
      await db.destroy();
    }
  });

  it("reads the popular queries and the answers opened from them, for the search checks", async () => {
    const { db } = await engine.migrated();
    try {
      const analytics = new AnalyticsStore(db);
      for (const n of [1, 2, 3, 4, 5])
        await analytics.write([search(n, 0, "AE03", 1), click(n, 1, "AE03", n === 5 ? "ae05" : "ae03")]);
      for (const n of [1, 2, 3, 4]) await analytics.write([search(n, 5, "統合", 3)]);
      const rows = await new SuggestionStore(db).queryClicks(period);
      expect(rows).toEqual([
        {
          query: "AE03",
          readers: 5,
          clicks: new Map([
            ["ae03", 4],
            ["ae05", 1],
          ]),
        },
      ]);
    } finally {
      await db.destroy();
    }
  });
});
