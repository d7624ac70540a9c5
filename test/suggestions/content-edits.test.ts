import matter from "gray-matter";
import { describe, expect, it } from "vitest";
import { EditRefused, withKeyword, withSynonyms, yamlScalar } from "../../src/suggestions/content-edits.js";

const question = (keywords: string) =>
  `---\nid: ae03\ntitle: "エラーコード: AE03"\ncategory: access-errors\norder: 5\n${keywords}updated: 2026-11-24\n---\n本文。\n`;
const keywordsOf = (source: string) => (matter(`${source} `).data as { keywords?: unknown }).keywords;

describe("withKeyword", () => {
  it("adds to a [a, b] list on its line, leaving every other line as it was", () => {
    const before = question("keywords: [別のアカウント, 違うアカウント]\n");
    const after = withKeyword(before, "ae03.md", "統合済み");
    expect(after).toBe(question("keywords: [別のアカウント, 違うアカウント, 統合済み]\n"));
  });

  it("adds to a list of '- ' lines with the same indent, and makes the list when there is none", () => {
    expect(withKeyword(question("keywords:\n  - 別のアカウント\n"), "f.md", "統合済み")).toBe(
      question("keywords:\n  - 別のアカウント\n  - 統合済み\n"),
    );
    expect(keywordsOf(withKeyword(question(""), "f.md", "統合済み"))).toEqual(["統合済み"]);
    expect(keywordsOf(withKeyword(question("keywords: []\n"), "f.md", "統合済み"))).toEqual(["統合済み"]);
  });

  it("quotes what YAML would read as something else, and reads back exactly what readers typed", () => {
    for (const keyword of ["123", "yes", "a: b", "[x]", "#1", 'say "hi"', "HP アカウント, 統合", "null"]) {
      const after = withKeyword(question("keywords: [既存]\n"), "f.md", keyword);
      expect(keywordsOf(after)).toEqual(["既存", keyword]);
    }
    expect(yamlScalar("パスワード 再設定")).toBe("パスワード 再設定");
  });

  it("changes nothing when the keyword is there already", () => {
    const before = question("keywords: [統合済み]\n");
    expect(withKeyword(before, "f.md", "統合済み")).toBe(before);
  });

  it("refuses, naming the file, a file without front-matter or a list it cannot read", () => {
    expect(() => withKeyword("本文だけ\n", "plain.md", "x")).toThrow(/plain\.md: no front-matter/);
    expect(() => withKeyword(question("keywords: 別のアカウント\n"), "odd.md", "x")).toThrow(EditRefused);
  });
});

describe("withSynonyms", () => {
  const file = "---\nsynonyms:\n  - [メアド, メールアドレス]\n  - [サインイン, ログイン]\n---\n説明。\n";
  const groupsOf = (source: string) => (matter(`${source} `).data as { synonyms: string[][] }).synonyms;

  it("adds the missing word to the group of the other", () => {
    const after = withSynonyms(file, "synonyms.md", ["ログオン", "ログイン"]);
    expect(after).toBe(
      "---\nsynonyms:\n  - [メアド, メールアドレス]\n  - [サインイン, ログイン, ログオン]\n---\n説明。\n",
    );
  });

  it("adds a new group after the last one when neither word is grouped", () => {
    expect(groupsOf(withSynonyms(file, "synonyms.md", ["見積書", "見積り"]))).toEqual([
      ["メアド", "メールアドレス"],
      ["サインイン", "ログイン"],
      ["見積書", "見積り"],
    ]);
    expect(groupsOf(withSynonyms("---\nsynonyms: []\n---\n", "synonyms.md", ["a", "b"]))).toEqual([["a", "b"]]);
  });

  it("changes nothing when the two are grouped already", () => {
    expect(withSynonyms(file, "synonyms.md", ["ログイン", "サインイン"])).toBe(file);
  });
});
