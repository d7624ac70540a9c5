import { describe, expect, it } from "vitest";
import { scriptRuns, swappedWords } from "../../src/suggestions/swapped-words.js";

describe("scriptRuns", () => {
  it("cuts a query where the script changes, dropping spaces and punctuation", () => {
    expect(scriptRuns("HPアカウントのパスワード 変更")).toEqual(["HP", "アカウント", "の", "パスワード", "変更"]);
  });
});

describe("swappedWords", () => {
  it("finds the whole words swapped, not the characters that differ", () => {
    expect(swappedWords("ログインできない", "サインインできない")).toEqual(["ログイン", "サインイン"]);
    expect(swappedWords("メアド 変更", "メールアドレス 変更")).toEqual(["メアド", "メールアドレス"]);
  });

  it("says nothing of a query rewritten throughout, or of one that only adds a word", () => {
    expect(swappedWords("パスワードを忘れた", "サインインできない")).toBeUndefined();
    expect(swappedWords("パスワード", "パスワード 再設定")).toBeUndefined();
    expect(swappedWords("AE01", "AE01")).toBeUndefined();
  });

  it("says nothing when the swapped stretch is a sentence rather than a word", () => {
    expect(swappedWords("エラー とても長い説明の文章がここに入ります", "エラー 短い")).toBeUndefined();
  });
});

describe("swappedWords at the edges of a swap", () => {
  it("leaves a particle out of the word: 「ワンタイムコードが」 is ワンタイムコード", () => {
    expect(swappedWords("ワンタイムコードが期限切れ", "確認コード 期限切れ")).toEqual([
      "ワンタイムコード",
      "確認コード",
    ]);
  });
});

describe("swappedWords without the grammar around the word", () => {
  it("leaves hiragana endings out of a swapped stretch: 「がわからない方法」 is 方法", () => {
    expect(swappedWords("AE03 がわからない方法", "AE03 手順")).toEqual(["方法", "手順"]);
  });

  it("keeps a word written in hiragana alone", () => {
    expect(swappedWords("ひもづけ 方法", "統合 方法")).toEqual(["ひもづけ", "統合"]);
  });

  it("takes no single character or particle pair for a word: they would stand in for each other everywhere", () => {
    expect(swappedWords("パスワード 何", "パスワード 方法")).toBeUndefined();
    expect(swappedWords("HPアカウントとは", "HPアカウント 方法")).toBeUndefined();
    expect(swappedWords("パスワード 忘", "パスワード 方法")).toBeUndefined();
  });
});
