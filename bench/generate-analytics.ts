// Fills a database with realistic reader events through the real writer (so the rollups are what the
// server would have made): searches drawn from the dev queries plus misspellings and no-result queries,
// some clicked (mostly the first result), some a second try after a search that found nothing, votes with reasons and comments, and (when asked) answer views
// with the contacts made from them, spread over `days`.
import { AnalyticsStore } from "../src/analytics/analytics-store.js";
import type { ReaderEvent } from "../src/analytics/events.js";
import type { Content } from "../src/content/types.js";
import type { Db } from "../src/db/open-database.js";
import { REASONS } from "../src/feedback/reasons.js";

const QUERIES = [
  "パスワード 忘れた",
  "ae03",
  "ae01",
  "確認コード 届かない",
  "ログインできない",
  "アカウント ロック",
  "メールアドレス 変更",
  "hp アカウントとは",
  "統合",
  "ae05",
  "ae06",
  "ae02",
  "ae04",
  "パスワード 変更",
  "サインイン できない",
  "アカウント 統合 方法",
];
const MISSES = [
  "請求書 ダウンロード",
  "領収書",
  "天気予報",
  "プリンター 印刷できない",
  "ポイント 確認",
  "パスワート",
  "ae07",
  "インク 注文",
  "保証 延長",
  "配送状況",
];
// A long tail of rarer wordings: a query plus one or two of these makes thousands of distinct queries.
const TAILS = [
  "できない",
  "方法",
  "とは",
  "エラー",
  "スマホ",
  "iphone",
  "android",
  "windows",
  "mac",
  "edge",
  "chrome",
  "再設定",
  "変更",
  "確認",
  "届かない",
  "英語",
  "画面",
  "ロック",
  "初めて",
  "会社",
];
const COMMENTS = [
  "手順どおりにしても同じエラーが出ます",
  "画面の説明が古いようです",
  "どこをクリックすればよいか分かりません",
  "問い合わせ先の電話番号が知りたい",
  "[メール] に確認コードが届きません",
];

/** A small deterministic generator, so two runs fill the same database. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export async function generateAnalytics(
  db: Db,
  content: Content,
  options: { searches: number; votes: number; days: number; now?: number; batch?: number; contacts?: number },
): Promise<void> {
  const store = new AnalyticsStore(db);
  const next = random(42);
  const now = options.now ?? Date.now();
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const time = () => now - Math.floor(next() * options.days * 86_400_000);
  const reader = () => ({
    time: time(),
    address: `10.${Math.floor(next() * 255)}.${Math.floor(next() * 255)}.${Math.floor(next() * 255)}`,
    userAgent: `agent-${Math.floor(next() * 1000)}`,
  });
  const ids = content.questions.map((q) => q.id);
  const batch = options.batch ?? 5000;
  let events: ReaderEvent[] = [];
  const flush = async () => {
    events.sort((a, b) => a.time - b.time);
    await store.write(events);
    events = [];
  };
  for (let i = 0; i < options.searches; i++) {
    // One search in ten is a reader's second try: a search that found nothing, then a minute later one that
    // found the answer, which they opened (what the suggestions are mined from).
    if (next() < 0.1 && i + 1 < options.searches) {
      const who = reader();
      const first = `${pick(MISSES)} ${pick(TAILS)}`;
      const then = pick(QUERIES);
      events.push(
        { type: "search", ...who, query: first, results: 0, topResult: null, codeMatch: false, source: "page" },
        {
          type: "search",
          ...who,
          time: who.time + 60_000,
          query: then,
          results: 3,
          topResult: pick(ids),
          codeMatch: false,
          source: "page",
          click: { question: pick(ids), position: 1 },
        },
      );
      i++;
      continue;
    }
    const miss = next() < 0.12;
    const tail = next() < 0.3 ? ` ${pick(TAILS)}${next() < 0.5 ? ` ${pick(TAILS)}` : ""}` : "";
    const query = (miss ? pick(MISSES) : pick(QUERIES)) + tail;
    const clicked = !miss && next() < 0.6;
    const position = next() < 0.75 ? 1 : 2 + Math.floor(next() * 3);
    events.push({
      type: "search",
      ...reader(),
      query,
      results: miss ? 0 : 1 + Math.floor(next() * 6),
      topResult: miss ? null : pick(ids),
      codeMatch: /^ae0[1-6]$/.test(query),
      source: next() < 0.3 ? "suggest" : "page",
      ...(clicked ? { click: { question: pick(ids), position } } : {}),
    });
    if (events.length >= batch) await flush();
  }
  for (let i = 0; i < options.votes; i++) {
    const helpful = next() < 0.7;
    const reason = helpful || next() < 0.4 ? null : pick(REASONS).code;
    events.push({
      type: "vote",
      ...reader(),
      question: pick(ids),
      helpful,
      reason,
      comment: !helpful && next() < 0.3 ? pick(COMMENTS) : null,
    });
    if (events.length >= batch) await flush();
  }
  // Each contact comes after some 20–60 views of an answer; the error-code answers send more readers on.
  for (let i = 0; i < (options.contacts ?? 0); i++) {
    const question = content.questions[Math.floor(next() * content.questions.length)];
    if (!question) break;
    const at = time();
    events.push({ type: "views", time: at, question: question.id, count: 20 + Math.floor(next() * 40) });
    const fromAnswer = next() < 0.85;
    if (question.codes.length > 0 || next() < 0.5)
      events.push({
        type: "contact",
        ...reader(),
        time: at,
        question: fromAnswer ? question.id : null,
        code: fromAnswer ? (question.codes[0] ?? null) : null,
        query: fromAnswer ? null : pick(MISSES),
      });
    if (events.length >= batch) await flush();
  }
  await flush();
}
