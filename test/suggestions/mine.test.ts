import { describe, expect, it } from "vitest";
import { type MiningInput, mineSuggestions, type RewriteEvidence } from "../../src/suggestions/mine.js";

const input = (rewrites: RewriteEvidence[], extra: Partial<MiningInput> = {}): MiningInput => ({
  rewrites,
  unanswered: [],
  readersOf: () => 5,
  firstResultOf: () => undefined,
  synonyms: [],
  ...extra,
});

describe("mineSuggestions: keywords", () => {
  it("proposes a keyword once three readers went from the query to the answer", () => {
    const found = mineSuggestions(
      input([
        { from: "二段階認証", to: "確認コード", question: "verification-code-invalid", readers: 2 },
        { from: "二段階認証", to: null, question: "verification-code-invalid", readers: 1 },
      ]),
    );
    expect(found).toEqual([
      expect.objectContaining({
        kind: "keyword",
        query: "二段階認証",
        question: "verification-code-invalid",
        readers: 3,
        examples: ["確認コード"],
      }),
    ]);
  });

  it("proposes nothing from two readers, however often they searched", () => {
    const found = mineSuggestions(input([{ from: "二段階認証", to: "確認コード", question: "x", readers: 2 }]));
    expect(found).toEqual([]);
  });

  it("proposes nothing when the query already finds the answer first", () => {
    const rewrites = [{ from: "AE01", to: "AE01 エラー", question: "ae01", readers: 9 }];
    expect(mineSuggestions(input(rewrites, { firstResultOf: () => "ae01" }))).toEqual([]);
    expect(mineSuggestions(input(rewrites, { firstResultOf: () => "ae02" }))).toHaveLength(1);
  });

  it("never shows an example query fewer than three readers searched", () => {
    const found = mineSuggestions(
      input(
        [
          { from: "二段階認証", to: "確認コード", question: "x", readers: 2 },
          { from: "二段階認証", to: "山田太郎 確認コード", question: "x", readers: 1 },
        ],
        { readersOf: (q) => (q.includes("山田") ? 1 : 5) },
      ),
    );
    expect(found[0]).toMatchObject({ kind: "keyword", examples: ["確認コード"] });
  });

  it("keeps the same id for the same proposal, and a different one for another answer", () => {
    const one = mineSuggestions(input([{ from: "q", to: null, question: "a", readers: 3 }]))[0];
    const again = mineSuggestions(input([{ from: "q", to: null, question: "a", readers: 7 }]))[0];
    const other = mineSuggestions(input([{ from: "q", to: null, question: "b", readers: 3 }]))[0];
    expect(one?.id).toBe(again?.id);
    expect(one?.id).not.toBe(other?.id);
  });
});

describe("mineSuggestions: synonyms", () => {
  const swaps: RewriteEvidence[] = [
    { from: "ログインできない", to: "サインインできない", question: "cannot-log-in", readers: 2 },
    { from: "ログイン 画面", to: "サインイン 画面", question: "sign-in-page-in-english", readers: 1 },
  ];

  it("proposes a group when three readers swapped one word for another and reached an answer", () => {
    const found = mineSuggestions(input(swaps, { firstResultOf: (q) => (q.startsWith("ログイン") ? "x" : undefined) }));
    expect(found.filter((s) => s.kind === "synonym")).toEqual([
      expect.objectContaining({ words: ["サインイン", "ログイン"], readers: 3 }),
    ]);
  });

  it("proposes nothing for words already in one group", () => {
    const found = mineSuggestions(input(swaps, { synonyms: [["サインイン", "ログイン"]] }));
    expect(found.filter((s) => s.kind === "synonym")).toEqual([]);
  });
});

describe("mineSuggestions: no answer yet", () => {
  it("lists a query three readers searched in vain, and no query that led some of them to an answer", () => {
    const found = mineSuggestions(
      input([{ from: "見積書 再発行", to: "見積", question: "x", readers: 1 }], {
        unanswered: [
          { query: "プリンター 設定", readers: 4 },
          { query: "見積書 再発行", readers: 3 },
          { query: "一人だけ", readers: 2 },
        ],
      }),
    );
    expect(found.filter((s) => s.kind === "gap").map((s) => s.kind === "gap" && s.query)).toEqual(["プリンター 設定"]);
  });
});
