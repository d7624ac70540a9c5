import { describe, expect, it } from "vitest";
import { type MiningInput, mineSuggestions, type RewriteEvidence } from "../../src/suggestions/mine.js";

const input = (rewrites: RewriteEvidence[], extra: Partial<MiningInput> = {}): MiningInput => ({
  rewrites,
  unanswered: [],
  readersOf: () => 5,
  firstResultOf: () => undefined,
  knows: () => false,
  answerHas: () => false,
  synonyms: [],
  ...extra,
});
const keywords = (found: ReturnType<typeof mineSuggestions>) =>
  found.flatMap((s) => (s.kind === "keyword" ? [[s.keyword, s.question, s.readers]] : []));

describe("mineSuggestions: keywords", () => {
  it("proposes a keyword once three readers went from a query with it to the answer", () => {
    const found = mineSuggestions(
      input([
        { from: "二段階認証", to: "確認コード", question: "verification-code-invalid", readers: 2 },
        { from: "二段階認証", to: null, question: "verification-code-invalid", readers: 1 },
      ]),
    );
    expect(found).toEqual([
      expect.objectContaining({
        kind: "keyword",
        keyword: "二段階認証",
        question: "verification-code-invalid",
        readers: 3,
        queries: ["二段階認証"],
        examples: ["確認コード"],
      }),
    ]);
  });

  it("proposes nothing from two readers, however often they searched", () => {
    const found = mineSuggestions(input([{ from: "二段階認証", to: "確認コード", question: "x", readers: 2 }]));
    expect(found).toEqual([]);
  });

  it("proposes nothing when the readers' query already finds the answer first", () => {
    const rewrites = [{ from: "AE01", to: "AE01 エラー", question: "ae01", readers: 9 }];
    expect(mineSuggestions(input(rewrites, { firstResultOf: () => "ae01" }))).toEqual([]);
    expect(mineSuggestions(input(rewrites, { firstResultOf: () => "ae02" }))).toHaveLength(1);
  });

  it("adds the word readers swapped out, not the words their query shares with the answer", () => {
    const rewrites = [
      { from: "メルアドが違う", to: "メールアドレスが違う", question: "change-email-address", readers: 3 },
    ];
    const synonym = mineSuggestions(input(rewrites)).find((s) => s.kind === "synonym");
    expect(synonym).toMatchObject({ words: ["メルアド", "メールアドレス"] });
    const found = mineSuggestions(input(rewrites, { dismissed: new Set([synonym!.id]) }));
    expect(keywords(found)).toEqual([["メルアド", "change-email-address", 3]]);
  });

  it("else adds the words the FAQ does not know, else those the answer lacks; never a particle or one kanji", () => {
    const rewrites = [{ from: "凍結された 何回", to: null, question: "account-locked", readers: 3 }];
    expect(keywords(mineSuggestions(input(rewrites, { knows: (w) => w === "何回" })))).toEqual([
      ["凍結", "account-locked", 3],
    ]);
    const known = input(rewrites, { knows: () => true, answerHas: (_q, w) => w === "凍結" });
    expect(keywords(mineSuggestions(known))).toEqual([["何回", "account-locked", 3]]);
    const all = input([{ from: "違う が", to: null, question: "x", readers: 5 }]);
    expect(keywords(mineSuggestions(all))).toEqual([]);
  });

  it("leaves a keyword to a standing synonym suggestion for its word, and proposes it once that is dismissed", () => {
    const rewrites = [{ from: "ログオンできない", to: "サインインできない", question: "cannot-log-in", readers: 3 }];
    const open = mineSuggestions(input(rewrites));
    expect(open.map((s) => s.kind)).toEqual(["synonym"]);
    const dismissed = new Set([open[0]!.id]);
    expect(keywords(mineSuggestions(input(rewrites, { dismissed })))).toEqual([["ログオン", "cannot-log-in", 3]]);
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
    const one = mineSuggestions(input([{ from: "二重統合", to: null, question: "a", readers: 3 }]))[0];
    const again = mineSuggestions(input([{ from: "二重統合", to: null, question: "a", readers: 7 }]))[0];
    const other = mineSuggestions(input([{ from: "二重統合", to: null, question: "b", readers: 3 }]))[0];
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
    const found = mineSuggestions(input(swaps));
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
