import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  analyseQuery,
  buildSearchIndex,
  highlight,
  search,
  snippet,
  type SearchDocument,
} from "../../src/search/index.js";
import { firstRanked, wordsThatCannotPassAlone, type Postings } from "../../src/search/rank.js";
import { documentsFromContent, searchIndexOf } from "../../src/web/search/documents-from-content.js";
import { bundledSite } from "../helpers/app.js";

async function faqIndex() {
  const { content } = await bundledSite();
  return buildSearchIndex(documentsFromContent(content), { synonyms: [["メアド", "メールアドレス"]] });
}

const doc = (id: string, fields: Partial<SearchDocument>): SearchDocument => ({
  id,
  title: "",
  keywords: [],
  codes: [],
  category: "",
  body: "",
  ...fields,
});

describe("search over the FAQ", () => {
  it.each([
    ["ae01", "ae01"],
    ["ＡＥ０６", "ae06"],
    ["AE-3", "ae03"],
    ["エラーコードae02が表示される", "ae02"],
    ["ﾊﾟｽﾜｰﾄﾞを忘れました", "forgot-password"],
    ["ぱすわーど 忘れた", "forgot-password"],
    ["確認コードが届かない", "verification-code-not-received"],
    ["jpn_advantageplus_account", "integration-email-not-received"],
    ["IE11", "blank-screen-after-login"],
    ["メアド 変更", "change-email-address"],
  ])("%s finds %s first", async (query, id) => {
    expect(search(await faqIndex(), query).results[0]?.id).toBe(id);
  });

  it("expands a query into a synonym the content writes, never into the kanji of a compound it does not", async () => {
    const { content } = await bundledSite();
    const docs = documentsFromContent(content);
    const plain = buildSearchIndex(docs, { synonyms: [] });
    const grouped = buildSearchIndex(docs, { synonyms: [["パスワード", "暗証番号"]] });
    // 暗証番号 is nowhere in the FAQ: its 証 and 号 alone would tip a close query towards other answers.
    for (const query of ["パスワードがわからない", "パスワード 条件", "パスワード 変更"])
      expect(search(grouped, query).results).toEqual(search(plain, query).results);
    // The other way it stands in for パスワード, which the FAQ writes.
    expect(search(grouped, "暗証番号を忘れた").results[0]?.id).toBe("forgot-password");
    expect(search(plain, "暗証番号を忘れた").results[0]?.id).not.toBe("forgot-password");
  });

  it.each(["プリンター設定", "パソコンのパスワード", "見積書の再発行", "スマホ ログイン", "iPhone ログインできない"])(
    "%s finds nothing: its most specific word is in no answer, and its generic words alone do not match",
    async (query) => {
      expect(search(await faqIndex(), query)).toEqual({ total: 0, results: [], confident: false });
    },
  );

  it.each([
    ["アカウントロック", "account-locked"],
    ["パスワードリセット", "forgot-password"],
    ["メアド変更", "change-email-address"],
    ["AE03 プリンター", "ae03"],
  ])("%s still finds %s: known words joined, a synonym, an error code", async (query, id) => {
    expect(search(await faqIndex(), query).results[0]?.id).toBe(id);
  });

  it.each([
    ["ほかのHPアカウントと統合されている", "ae03"],
    ["別アカウントで統合済み", "ae03"],
    ["登録してあるアドレスと違う", "ae02"],
    ["権限がないと言われる", "ae01"],
  ])("%s, a cause in other words than the answer's, finds %s first", async (query, id) => {
    const { content } = await bundledSite();
    expect(search(searchIndexOf(content), query).results[0]?.id).toBe(id);
  });

  it("finds both answers that give the sender address no-reply@id.hp.com", async () => {
    const ids = search(await faqIndex(), "no-reply@id.hp.com")
      .results.slice(0, 2)
      .map((r) => r.id);
    expect(ids.sort()).toEqual(["verification-code-invalid", "verification-code-not-received"]);
  });

  it("puts the exact error-code answer first and flags it", async () => {
    const { results } = search(await faqIndex(), "AE06 ログインできません");
    expect(results[0]).toMatchObject({ id: "ae06", codeMatch: true });
    expect(results.slice(1).every((r) => !r.codeMatch)).toBe(true);
  });

  it.each(["天気予報", "qwertyasdf", "の", "株価", "", "   ", "!!!"])(
    "%j returns nothing rather than noise",
    async (query) => {
      expect(search(await faqIndex(), query)).toEqual({ total: 0, results: [], confident: false });
    },
  );

  it("honours the limit but reports the total", async () => {
    const found = search(await faqIndex(), "HP アカウント", { limit: 2 });
    expect(found.results).toHaveLength(2);
    expect(found.total).toBeGreaterThan(2);
  });

  it("is unharmed by regex metacharacters, search syntax and prototype names", async () => {
    const index = await faqIndex();
    for (const query of ["(.*.*)*Z", "a~999999", "[a-", "\\", "__proto__", "constructor", "toString"]) {
      expect(() => search(index, query)).not.toThrow();
    }
    expect(search(index, "constructor").total).toBe(0);
  });

  it("survives a very long query", async () => {
    const found = search(await faqIndex(), "パスワード".repeat(2000));
    expect(found.results[0]?.id).toBeDefined();
  });
});

describe("ranking", () => {
  it("ranks a title match above the same words in an answer", () => {
    const index = buildSearchIndex([
      doc("body", { title: "その他", body: "ロックの解除について説明します。" }),
      doc("title", { title: "ロックの解除", body: "説明します。" }),
    ]);
    expect(search(index, "ロック 解除").results[0]?.id).toBe("title");
  });

  it("ranks a keyword match above an answer match", () => {
    const index = buildSearchIndex([
      doc("body", { title: "質問A", body: "再設定の手順です。" }),
      doc("kw", { title: "質問B", keywords: ["再設定"], body: "手順です。" }),
    ]);
    expect(search(index, "再設定").results[0]?.id).toBe("kw");
  });

  it("counts the answer's opening sentence as what it is about, above the same words later in the answer", () => {
    const index = buildSearchIndex([
      doc("later", { title: "質問A", body: "手順を説明します。原因は統合の重複です。" }),
      doc("lead", { title: "質問B", lead: "原因は統合の重複です。", body: "原因は統合の重複です。手順を説明します。" }),
      doc("other", { title: "質問C", body: "手順を説明します。" }),
    ]);
    expect(search(index, "統合の重複").results[0]?.id).toBe("lead");
  });

  it("lets a word most answers open with add little: the title that says the query still wins", () => {
    const filler = ["甲", "乙", "丙", "丁"].map((name) =>
      doc(name, { title: `${name}の質問`, lead: `ログインの${name}です。`, body: `ログインの${name}です。` }),
    );
    const index = buildSearchIndex([
      ...filler,
      doc("lead", {
        title: "権限",
        lead: "ログイン権限がありません。ログイン",
        body: "ログイン権限がありません。ログイン",
      }),
      doc("title", { title: "ログインできません", lead: "期限が切れています。", body: "期限が切れています。" }),
    ]);
    expect(search(index, "ログインできない").results[0]?.id).toBe("title");
  });

  it("finds an answer that lacks only the query's word every other answer has", () => {
    const others = ["確認コード", "パスワード", "メール", "統合", "言語", "画面", "設定", "削除", "作成"].map((topic) =>
      doc(topic, { title: `アカウントの${topic}`, body: `アカウントの${topic}について。` }),
    );
    const index = buildSearchIndex([
      ...others,
      doc("pending", { title: "登録情報", body: "登録情報がまだ有効になっていません。" }),
    ]);
    expect(search(index, "アカウントがまだ有効になっていない").results[0]?.id).toBe("pending");
  });

  it("puts the document whose codes hold the code above one that only mentions it", () => {
    const index = buildSearchIndex([
      doc("mentions", { title: "エラー AE06 について AE06", body: "AE06 AE06" }),
      doc("answers", { title: "延長", codes: ["AE06"] }),
    ]);
    expect(search(index, "ae6").results[0]).toMatchObject({ id: "answers", codeMatch: true });
  });
});

describe("a word most answers share", () => {
  // Forty answers about signing in, a few about the integration mail: ログイン is in nearly all of them.
  const corpus = () =>
    buildSearchIndex([
      ...Array.from({ length: 40 }, (_, i) =>
        doc(`filler-${i}`, { title: `質問${i}`, body: "ログインできない場合の確認です。" }),
      ),
      doc("mail-and-login", { title: "統合メールが届かない", body: "統合メールが届かないとログインできません。" }),
      doc("mail", { title: "統合メールの再送", body: "統合メールを再送します。" }),
      doc("login-only", { title: "ログイン", body: "ログイン ログイン ログイン ログイン。" }),
    ]);

  it("adds to the answers the rest of the query finds, and finds none by itself", () => {
    const found = search(corpus(), "統合メール ログイン");
    expect(found.results.map((result) => result.id).sort()).toEqual(["mail", "mail-and-login"]);
  });

  it("still finds answers when every word of the query is one most answers share", () => {
    expect(search(corpus(), "ログインできない").results[0]?.id).toBe("login-only");
  });

  it("only adds when the answers with nothing but such words could not cover enough of the query", () => {
    const list = (docs: number, mask: number): Postings => ({ from: 0, to: docs, weight: 1, mask });
    // Units: 0–2 a rare word (needed 1 each), 3 a common one (0.3); an answer must cover 0.6 of 3.3.
    const needed = Float64Array.from([1, 1, 1, 0.3]);
    const rare = list(2, 0b0111);
    const common = list(40, 0b1000);
    expect([...wordsThatCannotPassAlone([rare, common], needed, 0.6 * 3.3)]).toEqual([common]);
    // Two common words covering most of the query: an answer with both passes, so both must find answers.
    const wide = list(30, 0b0011);
    expect([...wordsThatCannotPassAlone([list(2, 0b0100), wide, common], needed, 0.6 * 3.3)]).toEqual([common]);
    // Every word common: nothing would find anything, so all of them find answers as before.
    expect(wordsThatCannotPassAlone([common], needed, 0.6 * 3.3).size).toBe(0);
  });

  it("finds what scoring every answer each term occurs in finds, on the FAQ and on it twenty times over", async () => {
    const { content } = await bundledSite();
    const faq = documentsFromContent(content);
    // Twenty copies of each answer, as the bench's generated FAQ: every word the FAQ uses is then in many answers.
    const many = Array.from({ length: 20 }, (_, copy) =>
      faq.map((entry) => ({ ...entry, id: `${entry.id}-${copy}`, title: `${entry.title}（${copy}）` })),
    ).flat();
    const fixture = (name: string) =>
      (
        JSON.parse(readFileSync(new URL(`fixtures/${name}`, import.meta.url), "utf8")) as { queries: { q: string }[] }
      ).queries.map((query) => query.q);
    const common = ["ログイン", "できない", "エラー", "メール", "変更", "アカウント"];
    // Pieces of titles, alone and with a word most answers share, as readers of a large FAQ type them; and two
    // such words with a short piece, where answers with the shared words alone may pass.
    const pieces = faq.flatMap((entry, i) => {
      const piece = entry.title.slice(i % 5, (i % 5) + 3 + (i % 4));
      const [first = "", second = ""] = [common[i % common.length], common[(i + 1) % common.length]];
      return [piece, `${piece} ${first}`, `${first}${second} ${entry.title.slice(i % 7, (i % 7) + 2)}`];
    });
    const queries = [
      ...fixture("dev-queries.json"),
      ...fixture("extra-queries.json"),
      ...pieces,
      ...common,
      "AE03 ログイン",
      "ae6 エラー できない",
      "ログインできない エラー",
      "メールが届かない 変更できない",
    ];
    let withCommonWord = 0;
    for (const docs of [faq, many]) {
      const index = buildSearchIndex(docs, { synonyms: content.synonyms });
      for (const query of queries) {
        const found = search(index, query, { limit: 50 });
        const reference = search(index, query, { limit: 50, everyAnswer: true });
        expect({ query, ids: found.results.map((result) => result.id), total: found.total }).toEqual({
          query,
          ids: reference.results.map((result) => result.id),
          total: reference.total,
        });
        expect(found.confident).toBe(reference.confident);
        found.results.forEach((result, i) => {
          expect(result.score).toBeCloseTo(reference.results[i]?.score ?? -1, 9);
        });
        if (found.total > 0 && common.some((word) => query.includes(word))) withCommonWord++;
      }
    }
    // The comparison means something only if such queries find answers.
    expect(withCommonWord).toBeGreaterThan(100);
  });

  it("gives every query the same answers whatever was searched before it (the per-index sums are cleared)", async () => {
    const index = await faqIndex();
    const queries = [
      "ae01",
      "ログイン",
      "パスワード 変更",
      "統合メール ログイン",
      "AE03 ログイン",
      "ログインできない エラー",
    ];
    // Each on an index of its own, then all on one index, in turn and backwards.
    const fresh = await Promise.all(queries.map(async (query) => search(await faqIndex(), query)));
    expect(queries.map((query) => search(index, query))).toEqual(fresh);
    expect([...queries].reverse().map((query) => search(index, query))).toEqual([...fresh].reverse());
    expect(fresh.every((found) => found.total > 0)).toBe(true);
  });
});

describe("highlight and snippet", () => {
  it("marks matches in the original text, whatever form the query took", async () => {
    const index = await faqIndex();
    const segments = highlight("HP アカウントのパスワードを忘れてしまいました", analyseQuery(index, "ﾊﾟｽﾜｰﾄﾞ"));
    expect(segments.filter((s) => s.mark).map((s) => s.text)).toEqual(["パスワード"]);
    expect(segments.map((s) => s.text).join("")).toBe("HP アカウントのパスワードを忘れてしまいました");
  });

  it("gives a window around the match with ellipses where cut", async () => {
    const index = await faqIndex();
    const text = `${"前置き。".repeat(60)}確認コードを入力してください。${"後書き。".repeat(60)}`;
    const segments = snippet(text, analyseQuery(index, "確認コード"), 80);
    const joined = segments.map((s) => s.text).join("");
    expect(joined.startsWith("…")).toBe(true);
    expect(joined.endsWith("…")).toBe(true);
    expect(segments.some((s) => s.mark && s.text.includes("確認"))).toBe(true);
    expect(joined.length).toBeLessThanOrEqual(82);
  });

  it("marks nothing for a query that matches nothing, and treats markup as text", async () => {
    const index = await faqIndex();
    expect(highlight("<b>パスワード</b>", analyseQuery(index, "<script>"))).toEqual([
      { text: "<b>パスワード</b>", mark: false },
    ]);
  });
});

describe("firstRanked", () => {
  it("gives the first k in rank order, as sorting everything and taking k would", () => {
    let state = 11;
    const next = () => {
      state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
      return state / 2_147_483_648;
    };
    // Many ties on score, a few error-code answers: the orders that matter.
    const items = Array.from({ length: 2_000 }, (_, i) => ({
      id: `q-${(i * 7919) % 2_000}`,
      score: Math.floor(next() * 20) / 4,
      codeMatch: next() < 0.01,
    }));
    const sorted = [...items].sort(
      (a, b) => Number(b.codeMatch) - Number(a.codeMatch) || b.score - a.score || (a.id < b.id ? -1 : 1),
    );
    for (const k of [0, 1, 10, 50, 2_500]) expect(firstRanked(items, k)).toEqual(sorted.slice(0, k));
  });
});
