import { describe, expect, it } from "vitest";
import {
  buildSearchIndex,
  deserialiseIndex,
  search,
  serialiseIndex,
  suggest,
  type SearchDocument,
} from "../../src/search/index.js";
import { documentsFromContent } from "../../src/web/search/documents-from-content.js";
import { editDistance } from "../../src/search/suggest.js";
import { buildVocabulary } from "../../src/search/vocabulary.js";
import { bundledSite } from "../helpers/app.js";

async function faqIndex() {
  const { content } = await bundledSite();
  return buildSearchIndex(documentsFromContent(content), { synonyms: content.synonyms });
}

describe("suggest", () => {
  it("offers the content's spelling of a word one slip away, as a query that finds it", async () => {
    const faq = await faqIndex();
    for (const typed of ["パスワート", "ぱすわーと", "ﾊﾟｽﾜｰﾄ"]) {
      const suggestion = suggest(faq, typed);
      expect(suggestion, typed).toMatchObject({ kind: "spelling", query: "パスワード" });
    }
    const suggestion = suggest(faq, "パスワート 忘れた");
    expect(suggestion).toEqual({
      kind: "spelling",
      query: "パスワード 忘れた",
      corrections: [{ typed: "パスワート", known: "パスワード" }],
    });
    expect(search(faq, suggestion?.kind === "spelling" ? suggestion.query : "").results[0]?.id).toBe("forgot-password");
  });

  it("corrects a transposition in a Latin word as one slip", async () => {
    expect(suggest(await faqIndex(), "advantagepuls")).toMatchObject({ kind: "spelling", query: "Advantageplus" });
  });

  it("says an error code of a known family does not exist, and lists the ones that do", async () => {
    const faq = await faqIndex();
    const known = ["AE01", "AE02", "AE03", "AE04", "AE05", "AE06"];
    expect(suggest(faq, "AE7")).toEqual({ kind: "unknownCode", code: "AE07", knownCodes: known });
    expect(suggest(faq, "エラーコード ae-99")).toEqual({ kind: "unknownCode", code: "AE99", knownCodes: known });
    // IE11 is shaped like a code, but no code begins with IE.
    expect(suggest(faq, "IE11")?.kind).not.toBe("unknownCode");
  });

  it("offers nothing for a query nothing is near, nor for words the content already has", async () => {
    const faq = await faqIndex();
    for (const query of ["天気予報", "qwertyasdf", "株価", "", "パスワード", "ログイン"])
      expect(suggest(faq, query), query).toBeUndefined();
  });

  it("works the same on the index the static export ships", async () => {
    const faq = await faqIndex();
    const copy = deserialiseIndex(JSON.parse(JSON.stringify(serialiseIndex(faq))));
    for (const query of ["パスワート", "AE7", "天気予報"]) expect(suggest(copy, query)).toEqual(suggest(faq, query));
  });
});

describe("the vocabulary", () => {
  it("holds katakana and Latin words as written, most widespread first, each document counted once", () => {
    const vocabulary = buildVocabulary([
      ["パスワード パスワード", "Portal"],
      ["パスワードを変更", "ﾊﾟｽﾜｰﾄﾞ"],
      ["ロック"],
    ]);
    expect(vocabulary.surfaces).toEqual(["パスワード", "Portal", "ロック"]);
    expect(vocabulary.words).toEqual(["ぱすわーど", "portal", "ろっく"]);
  });

  it("is bounded whatever the corpus, keeping the most widespread words", () => {
    const docs: SearchDocument[] = Array.from({ length: 300 }, (_, i) => ({
      id: `d${i}`,
      title: `Word${i.toString(36)}x ヘルプ`,
      keywords: [],
      codes: [],
      category: "",
      body: "",
    }));
    const vocabulary = buildVocabulary(
      docs.map((doc) => [doc.title]),
      50,
    );
    expect(vocabulary.words).toHaveLength(50);
    expect(vocabulary.surfaces[0]).toBe("ヘルプ");
  });

  it("edit distance counts a swapped pair as one slip and stops past the bound", () => {
    expect(editDistance("ぱすわーと", "ぱすわーど", 2)).toBe(1);
    expect(editDistance("advantagepuls", "advantageplus", 2)).toBe(1);
    expect(editDistance("abcdef", "uvwxyz", 2)).toBe(3);
  });
});
