import { describe, expect, it } from "vitest";
import { cutTail, isConfident, MIN_RARITY_SHARE, MIN_SCORE_SHARE, type Candidate } from "../../src/search/cut.js";
import { buildSearchIndex, search, type SearchDocument } from "../../src/search/index.js";
import { documentsFromContent } from "../../src/web/search/documents-from-content.js";
import { bundledSite } from "../helpers/app.js";

const doc = (id: string, fields: Partial<SearchDocument>): SearchDocument => ({
  id,
  title: "",
  keywords: [],
  codes: [],
  category: "",
  body: "",
  ...fields,
});
const ids = (found: { results: Array<{ id: string }> }) => found.results.map((r) => r.id);

/** A help centre where every answer is about accounts, as in the real FAQ: アカウント says nothing. */
const accounts = buildSearchIndex([
  doc("delete", {
    title: "アカウントを削除するには",
    body: "アカウントの削除は設定画面から行えます。削除したアカウントは元に戻せません。",
  }),
  doc("create", { title: "アカウントの作成方法", body: "新しいアカウントは登録画面で作成します。" }),
  doc("merge", { title: "アカウントの統合とは", body: "二つのアカウントを一つに統合します。" }),
  doc("lock", { title: "アカウントがロックされました", body: "アカウントのロックは30分で解除されます。" }),
  doc("rename", { title: "アカウント名を変更したい", body: "アカウント名はプロフィール画面で変更できます。" }),
  doc("email", {
    title: "メールアドレスを変更したい",
    body: "登録したメールアドレスはプロフィール画面で変更できます。",
  }),
]);

describe("the cut: a short list of real alternatives", () => {
  it("lists only the clear answer when the others share just the word every answer has", () => {
    // Every answer matches アカウント: asked alone, it lists them all, since none stands out.
    expect(search(accounts, "アカウント", { limit: 50 }).total).toBe(5);
    const found = search(accounts, "アカウントの削除", { limit: 50 });
    expect(ids(found)).toEqual(["delete"]);
    expect(found.total).toBe(1);
  });

  it("keeps a second answer that is a real alternative", () => {
    // Both answers are about changing something on the profile screen.
    expect(ids(search(accounts, "プロフィール画面で変更", { limit: 50 })).sort()).toEqual(["email", "rename"]);
  });

  it("keeps the answers about a query's common word when only one answer also has its rare word", () => {
    const index = buildSearchIndex([
      doc("email", { title: "メールアドレスの変更", body: "変更後はパスワードを入力してサインインします。" }),
      doc("forgot", { title: "パスワードを忘れた", body: "パスワードを再設定してください。" }),
      doc("rules", { title: "パスワードの条件", body: "パスワードは8文字以上です。" }),
      doc("lock", { title: "ロックされた", body: "パスワードを何度も間違えるとロックされます。" }),
      doc("site", { title: "使えるサイト", body: "サインインできるサイトの一覧です。" }),
      doc("english", { title: "英語で表示される", body: "言語を選んでください。" }),
    ]);
    const found = ids(search(index, "パスワード 変更", { limit: 50 }));
    expect(found[0]).toBe("email");
    expect(found).toEqual(expect.arrayContaining(["forgot", "rules"]));
  });

  it("leaves the limit to cut the list further, and reports the list's length as total", () => {
    const found = search(accounts, "プロフィール画面で変更", { limit: 1 });
    expect(found.results).toHaveLength(1);
    expect(found.total).toBe(2);
  });

  it("shortens the FAQ's broad queries to a few answers, the right one first", async () => {
    const { content } = await bundledSite();
    const faq = buildSearchIndex(documentsFromContent(content), { synonyms: content.synonyms });
    for (const [query, first] of [
      ["ログインできない", "cannot-log-in"],
      ["HPアカウントの作り方", "how-to-create-hp-account"],
      ["アカウントがロックされた", "account-locked"],
    ] as const) {
      const found = search(faq, query, { limit: 50 });
      expect(found.results[0]?.id, query).toBe(first);
      expect(found.total, query).toBeLessThanOrEqual(8);
    }
    // Seven answers say サインインできません in their title: all of them stay.
    expect(search(faq, "サインインできません", { limit: 50 }).total).toBe(7);
  });
});

describe("cutTail", () => {
  const c = (score: number, rarity: number, codeMatch = false): Candidate => ({ score, rarity, codeMatch });

  it("drops answers far below the best score, or covering little of what the best covers", () => {
    const lead = c(10, 1);
    const close = c(8, 0.9);
    const weak = c(MIN_SCORE_SHARE * 10 - 0.1, 1);
    const offTopic = c(9, MIN_RARITY_SHARE - 0.1);
    expect(cutTail([lead, close, weak, offTopic])).toEqual([lead, close]);
  });

  it("never drops the first answer, nor any exact error-code answer", () => {
    const lead = c(10, 0.1);
    const covering = c(9, 1);
    expect(cutTail([lead, covering])).toEqual([lead, covering]);
    const code = c(20, 1, true);
    const otherCode = c(1, 0.1, true);
    expect(cutTail([code, otherCode, c(2, 0.1)])).toEqual([code, otherCode]);
    expect(cutTail([])).toEqual([]);
  });

  it("keeps the same answers whatever order they come in, so it can run before the sort", () => {
    const all = [c(10, 1), c(2, 1), c(7, 0.8), c(9, 0.2), c(3.5, 0.6)];
    const kept = cutTail(all);
    expect(kept).toEqual([all[0], all[2], all[4]]);
    expect(new Set(cutTail([...all].reverse()))).toEqual(new Set(kept));
  });
});

describe("confident", () => {
  it("is true for an exact error-code answer, false when two codes are asked", async () => {
    const { content } = await bundledSite();
    const faq = buildSearchIndex(documentsFromContent(content), { synonyms: content.synonyms });
    expect(search(faq, "ae03").confident).toBe(true);
    expect(search(faq, "AE01 AE02").confident).toBe(false);
  });

  it("is true when the first answer clearly beats the rest, false when two are close", async () => {
    const { content } = await bundledSite();
    const faq = buildSearchIndex(documentsFromContent(content), { synonyms: content.synonyms });
    expect(search(faq, "ロック 解除")).toMatchObject({ confident: true, results: [{ id: "account-locked" }] });
    // Forgotten password or password rules: the query does not say which.
    const password = search(faq, "ぱすわーど");
    expect(password.confident).toBe(false);
    expect(ids(password).slice(0, 2).sort()).toEqual(["cannot-set-password", "forgot-password"]);
    expect(search(faq, "天気予報").confident).toBe(false);
  });

  it("compares the first score with the runner-up's", () => {
    const c = (score: number, rarity = 1, codeMatch = false): Candidate => ({ score, rarity, codeMatch });
    expect(isConfident([c(4.9), c(10)])).toBe(true);
    expect(isConfident([c(10), c(6)])).toBe(false);
    expect(isConfident([c(1)])).toBe(true);
    expect(isConfident([])).toBe(false);
  });

  it("is not fooled by the cut: a runner-up cut for missing the query's rare word still counts", () => {
    const lead = { score: 10, rarity: 1, codeMatch: false };
    const close = { score: 6, rarity: 0.1, codeMatch: false };
    expect(cutTail([lead, close])).toEqual([lead]);
    expect(isConfident([lead, close])).toBe(false);
  });
});
