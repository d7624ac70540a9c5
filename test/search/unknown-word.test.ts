import { describe, expect, it } from "vitest";
import { analyse } from "../../src/search/tokenise.js";
import { type KnownWords, unknownWords } from "../../src/search/unknown-word.js";

/** The terms of `text` as a document indexes them. */
const indexOf = (...texts: string[]) =>
  new Set(texts.flatMap((text) => analyse(text, new Set()).terms.map((t) => t.key)));
const content = indexOf(
  "アカウントがロックされました",
  "アプリ",
  "インターネット",
  "リンク",
  "期限が切れています",
  "何回か",
  "設定",
  "ie11 の設定",
);
const indexed = (key: string) => content.has(key);
const vocabulary = ["あかうんと", "ろっく", "あぷり", "いんたーねっと", "りんく", "めーるあどれす", "advantageplus"];
/** The vocabulary's words with their beginnings and ends of three or more characters, as rank.ts gives them. */
const parts = new Set(
  vocabulary.flatMap((word) =>
    Array.from({ length: word.length - 2 }, (_, k) => [word.slice(0, 3 + k), word.slice(word.length - 3 - k)]).flat(),
  ),
);
const whole: KnownWords = { isPart: (word) => parts.has(word), whole: true };
/** A vocabulary cut at its limit: it knows no words, and cannot say one is missing. */
const capped: KnownWords = { isPart: () => false, whole: false };
const unknown = (query: string, words: KnownWords = capped) => {
  const { terms, normal } = analyse(query, new Set());
  return unknownWords(terms, normal, indexed, words).subject;
};

describe("unknownWords", () => {
  it("names a katakana word the content never uses, beside words it does", () => {
    expect(unknown("プリンター設定", whole)).toBe("ぷりんたー");
    expect(unknown("スマホ ロック")).toBe("すまほ");
  });

  it("knows a katakana run that joins the content's words, and a word it uses", () => {
    expect(unknown("アカウントロック", whole)).toBeUndefined();
    expect(unknown("ロックされた", whole)).toBeUndefined();
  });

  it("knows a word typed so far, or cut from a title: the beginning or end of one of the content's words", () => {
    expect(unknown("アカウ", whole)).toBeUndefined();
    expect(unknown("ールアドレス", whole)).toBeUndefined();
    expect(unknown("advant ロック", whole)).toBeUndefined();
    expect(unknown("vantag ロック", whole)).toBe("vantag");
    expect(unknown("ログオン", whole)).toBe("ろぐおん");
  });

  it("without a whole vocabulary, takes a katakana word whose every bigram is indexed as known", () => {
    // プリンター's bigrams come from アプリ, リンク and インター: the weaker test cannot tell.
    expect(unknown("プリンター設定")).toBeUndefined();
    expect(unknown("アカウントロック")).toBeUndefined();
    expect(unknown("ログオン")).toBe("ろぐおん");
  });

  it("names a kanji compound none of whose pairs the content has and one of whose kanji it lacks", () => {
    expect(unknown("見積書の再発行")).toBe("見積書");
    // 期限 is indexed though 限切 is not; 何 and 回 each are, though 何回 is not.
    expect(unknown("期限切れ")).toBeUndefined();
    expect(unknown("ロック 何回", whole)).toBeUndefined();
  });

  it("lets be a word that says where or with what (で, から): the reader's circumstance, not their subject", () => {
    expect(unknown("スマホでロックされた", whole)).toBeUndefined();
    expect(unknown("iphoneから設定")).toBeUndefined();
    const { terms, normal } = analyse("スマホでロック", new Set());
    expect(unknownWords(terms, normal, indexed, whole).circumstances).toEqual([[0, 3]]);
    expect(unknown("スマホのロック", whole)).toBe("すまほ");
    // で that starts できる, or the copula では, says nothing of where: the word is the subject.
    expect(unknown("ログオンできない", whole)).toBe("ろぐおん");
    expect(unknown("スマホではない", whole)).toBe("すまほ");
  });

  it("names a Latin word when neither it nor its parts are indexed", () => {
    expect(unknown("iphone ロック")).toBe("iphone");
    expect(unknown("ie11 設定")).toBeUndefined();
    expect(unknown("ie ロック")).toBeUndefined();
  });
});
