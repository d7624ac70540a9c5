import { afterAll, describe, expect, it } from "vitest";
import { Reports, sortQuestionRows } from "../../src/admin/reports.js";
import { AnalyticsStore } from "../../src/analytics/analytics-store.js";
import type { ReaderEvent } from "../../src/analytics/events.js";
import { bundledSite } from "../helpers/app.js";
import { testDatabases } from "../helpers/databases.js";

const NOW = Date.parse("2026-12-02T03:00:00Z"); // 12:00 on 2 December in Japan
const DAY = 86_400_000;
let n = 0;
// Readers are told apart by address (the vote key and the reader key both are): one address per reader.
const addresses = new Map<string, string>();
const addressOf = (who: string) => {
  let address = addresses.get(who);
  if (!address)
    addresses.set(who, (address = `198.51.${Math.floor(addresses.size / 250)}.${(addresses.size % 250) + 1}`));
  return address;
};
const reader = (daysAgo: number, who = `r${n++}`) => ({
  time: NOW - daysAgo * DAY,
  address: addressOf(who),
  userAgent: who,
});
const search = (
  daysAgo: number,
  query: string,
  results: number,
  extra: Partial<ReaderEvent & { type: "search" }> = {},
): ReaderEvent => ({
  type: "search",
  ...reader(daysAgo),
  query,
  results,
  topResult: results > 0 ? "forgot-password" : null,
  codeMatch: false,
  source: "page",
  ...extra,
});
const vote = (
  daysAgo: number,
  question: string,
  helpful: boolean,
  reason: string | null = null,
  comment: string | null = null,
): ReaderEvent => ({ type: "vote", ...reader(daysAgo), question, helpful, reason, comment });

const views = (daysAgo: number, question: string, count: number): ReaderEvent => ({
  type: "views",
  time: NOW - daysAgo * DAY,
  question,
  count,
});
const contact = (daysAgo: number, question: string | null, code: string | null = null): ReaderEvent => ({
  type: "contact",
  ...reader(daysAgo),
  question,
  code,
  query: null,
});

/** A known month: every figure below is counted by hand from these events. */
const EVENTS: ReaderEvent[] = [
  // This 7-day period (today and 6 days before).
  search(0, "パスワード", 3, { click: { question: "forgot-password", position: 1 } }),
  search(0, "パスワード", 3, { click: { question: "forgot-password", position: 1 } }),
  search(1, "パスワード", 3),
  search(1, "ae03", 1, { codeMatch: true, click: { question: "ae03", position: 1 } }),
  search(2, "請求書", 0),
  search(2, "請求書", 0),
  search(3, "天気予報", 0),
  search(3, "ログイン", 5, { click: { question: "cannot-log-in", position: 2 } }),
  search(4, "ログイン", 5, { click: { question: "cannot-log-in", position: 3 } }),
  search(4, "ログイン", 5, { click: { question: "ae01", position: 1 } }),
  vote(0, "ae03", false, "unclear", "手順 2 が分かりません"),
  vote(1, "ae03", false, "unclear"),
  vote(1, "ae03", true),
  vote(2, "forgot-password", true),
  // 100 answer views and 5 contacts: 3 from AE03's answer, 1 from cannot-log-in, 1 from a results page.
  views(0, "ae03", 40),
  views(1, "forgot-password", 50),
  views(2, "cannot-log-in", 10),
  contact(0, "ae03", "AE03"),
  contact(0, "ae03", "AE03"),
  contact(1, "ae03", "AE03"),
  contact(2, "cannot-log-in"),
  contact(3, null),
  // The 7 days before: 4 searches, one without results, one click; 2 votes, 1 helpful.
  search(8, "パスワード", 3, { click: { question: "forgot-password", position: 1 } }),
  search(9, "パスワード", 3),
  search(10, "請求書", 0),
  search(12, "ae01", 1),
  vote(9, "ae01", true),
  vote(10, "ae01", false, "missing"),
  // 40 views and 4 contacts.
  views(8, "ae03", 30),
  views(9, "cannot-log-in", 10),
  contact(8, "ae03", "AE03"),
  contact(8, "ae03", "AE03"),
  contact(9, "cannot-log-in"),
  contact(10, null),
];

describe.each(testDatabases())("reports on $name", (engine) => {
  afterAll(() => engine.cleanup());

  const filled = async () => {
    const { db } = await engine.migrated();
    await new AnalyticsStore(db).write(EVENTS);
    return db;
  };

  it("the overview's figures and their change from the previous period", async () => {
    const db = await filled();
    try {
      const overview = await new Reports(db).overview(7, NOW);
      // 10 searches, 3 without results, 6 clicked; bounced = 10 − 3 − 6 = 1. Before: 4, 1, 1 (bounced 2).
      expect(overview.figures.map((f) => [f.label, f.value, f.change.text])).toEqual([
        ["検索数", "10", "+150%"],
        ["0 件の検索の割合", "30.0%", "+5.0 ポイント"],
        ["クリック率", "60.0%", "+35.0 ポイント"],
        ["直帰した検索の割合", "10.0%", "−40.0 ポイント"],
        ["評価数", "4", "+100%"],
        ["「解決した」の割合", "50.0%", "±0.0 ポイント"],
        // 100 views (40 before): +150%; 5 contacts (4): +25%; 5 ÷ 100 = 5.0% (10.0%); 100 ÷ 5 = 20.0 (10.0).
        ["回答の閲覧数", "100", "+150%"],
        ["問い合わせ数", "5", "+25%"],
        ["問い合わせ率", "5.0%", "−5.0 ポイント"],
        ["セルフサービス・スコア", "20.0", "+100%"],
      ]);
      expect(overview.searchesByDay.map((d) => [d.day, d.searches, d.noResults])).toEqual([
        ["2026-11-26", 0, 0],
        ["2026-11-27", 0, 0],
        ["2026-11-28", 2, 0],
        ["2026-11-29", 2, 1],
        ["2026-11-30", 2, 2],
        ["2026-12-01", 2, 0],
        ["2026-12-02", 2, 0],
      ]);
      expect(
        overview.votesByDay.filter((d) => d.helpful + d.notHelpful > 0).map((d) => [d.day, d.helpful, d.notHelpful]),
      ).toEqual([
        ["2026-11-30", 1, 0],
        ["2026-12-01", 1, 1],
        ["2026-12-02", 0, 1],
      ]);
    } finally {
      await db.destroy();
    }
  });

  it("contacts per answer and per code against views, with the contact rate and the days", async () => {
    const db = await filled();
    try {
      const { content } = await bundledSite();
      const report = await new Reports(db).contacts(content, 7, NOW);
      expect(report.totals).toEqual({ views: 100, contacts: 5, contactRate: 0.05, selfServiceScore: 20 });
      // ae03: 3 ÷ 40 = 7.5%; cannot-log-in: 1 ÷ 10; forgot-password read 50 times and never left for the office.
      expect(report.answers.slice(0, 4).map((r) => [r.id, r.views, r.contacts, r.contactRate])).toEqual([
        ["ae03", 40, 3, 0.075],
        ["cannot-log-in", 10, 1, 0.1],
        ["forgot-password", 50, 0, 0],
        [
          content.questions.find((q) => !["ae03", "cannot-log-in", "forgot-password"].includes(q.id))?.id,
          0,
          0,
          undefined,
        ],
      ]);
      expect(report.answers).toHaveLength(content.questions.length);
      expect(report.codes).toEqual([{ code: "AE03", contacts: 3 }]);
      expect(report.withoutAnswer).toBe(1);
      expect(report.byDay.filter((d) => d.views + d.contacts > 0)).toEqual([
        { day: "2026-11-29", views: 0, contacts: 1 },
        { day: "2026-11-30", views: 10, contacts: 1 },
        { day: "2026-12-01", views: 50, contacts: 1 },
        { day: "2026-12-02", views: 40, contacts: 2 },
      ]);
    } finally {
      await db.destroy();
    }
  });

  it("no-result queries by count, with the last time each was seen; one reader's query is not listed", async () => {
    const db = await filled();
    try {
      const rows = await new Reports(db).noResults(7, NOW);
      // 天気予報 was searched by one reader only: it stays out of sight (it may be personal, or a forgery).
      expect(rows.map((r) => [r.query, r.searches, r.lastSeen.slice(0, 10)])).toEqual([["請求書", 2, "2026-11-30"]]);
      expect((await new Reports(db).noResults(30, NOW)).find((r) => r.query === "請求書")?.searches).toBe(3);
    } finally {
      await db.destroy();
    }
  });

  it("top searches with click-through, the most-opened answer, and ranking suspects", async () => {
    const db = await filled();
    try {
      const { rows, clicksByPosition } = await new Reports(db).searches(7, NOW);
      expect(
        rows.map((r) => [
          r.query,
          r.searches,
          r.clicks,
          r.clickThroughRate?.toFixed(3),
          r.noResults,
          r.topAnswer,
          r.rankingSuspect,
        ]),
      ).toEqual([
        ["パスワード", 3, 2, "0.667", 0, "forgot-password", false],
        ["ログイン", 3, 3, "1.000", 0, "cannot-log-in", true],
        ["請求書", 2, 0, "0.000", 2, undefined, false],
      ]);
      expect(clicksByPosition).toEqual([
        { position: 1, clicks: 4 },
        { position: 2, clicks: 1 },
        { position: 3, clicks: 1 },
      ]);
    } finally {
      await db.destroy();
    }
  });

  it("each query's totals for the export: the page's rows without the answer lookups, in the same order", async () => {
    const db = await filled();
    try {
      const reports = new Reports(db);
      const totals = await reports.queryTotals(7, NOW);
      const { rows } = await reports.searches(7, NOW);
      expect(totals).toEqual(rows.map(({ topAnswer: _answer, rankingSuspect: _suspect, ...figures }) => figures));
      expect(totals.map((r) => r.query)).toEqual(["パスワード", "ログイン", "請求書"]);
      expect(await reports.queryTotals(7, NOW, 2)).toEqual(totals.slice(0, 2));
    } finally {
      await db.destroy();
    }
  });

  it("counts one reader's repeated search once a day, and bounds the queries one reader adds", async () => {
    const { db } = await engine.migrated();
    try {
      const same = { time: NOW, address: "203.0.113.50", userAgent: "x" };
      const repeated = Array.from({ length: 40 }, () => ({ ...search(0, "請求書", 0), ...same }));
      const other = { ...search(0, "請求書", 0), time: NOW, address: "203.0.113.51", userAgent: "y" };
      const junk = Array.from({ length: 300 }, (_, i) => ({ ...search(0, `junk ${i}`, 0), ...same }));
      await new AnalyticsStore(db).write([...repeated, other, ...junk]);
      const rows = await new Reports(db).noResults(7, NOW);
      expect(rows).toEqual([expect.objectContaining({ query: "請求書", searches: 2 })]);
      const rolled = await db.selectFrom("search_daily").select("query").execute();
      expect(rolled.length).toBeLessThanOrEqual(101);
      // The raw rows are all kept: only the sums the dashboard reads are bounded.
      const raw = await db.selectFrom("search_events").select("id").execute();
      expect(raw.length).toBe(341);
    } finally {
      await db.destroy();
    }
  });

  it("shows each answer's newest comments, however many another answer has had", async () => {
    const { db } = await engine.migrated();
    const { content } = await bundledSite();
    try {
      const flood = Array.from({ length: 300 }, (_, i) => vote(0, "ae01", false, null, `flood ${i}`));
      await new AnalyticsStore(db).write([vote(1, "ae02", false, null, "AE02 の手順が古い"), ...flood]);
      const rows = await new Reports(db).questions(content, 7, NOW);
      expect(rows.find((r) => r.id === "ae02")?.comments.map((c) => c.text)).toEqual(["AE02 の手順が古い"]);
      expect(rows.find((r) => r.id === "ae01")?.comments).toHaveLength(3);
    } finally {
      await db.destroy();
    }
  });

  it("every question with its votes, reasons and latest comments, worst first", async () => {
    const db = await filled();
    const { content } = await bundledSite();
    try {
      const rows = await new Reports(db).questions(content, 7, NOW);
      expect(rows).toHaveLength(content.questions.length);
      expect(
        rows.slice(0, 2).map((r) => [r.id, r.helpful, r.notHelpful, r.helpfulRate?.toFixed(3), r.reasons, r.comments]),
      ).toEqual([
        [
          "ae03",
          1,
          2,
          "0.333",
          [{ label: "説明がわかりにくい", count: 2 }],
          [{ day: "2026-12-02", text: "手順 2 が分かりません" }],
        ],
        ["forgot-password", 1, 0, "1.000", [], []],
      ]);
      expect(rows[0]?.file).toBe("content/questions/ae03.md");
      expect(rows[2]?.helpfulRate).toBeUndefined();
      expect(sortQuestionRows(rows, "order", content).map((r) => r.id)).toEqual(content.questions.map((q) => q.id));
      expect(sortQuestionRows(rows, "votes", content)[0]?.id).toBe("ae03");
    } finally {
      await db.destroy();
    }
  });
});
