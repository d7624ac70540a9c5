import { describe, expect, it } from "vitest";
import { normalise } from "../../src/search/normalise.js";
import { analyse, tokenise } from "../../src/search/tokenise.js";

const known = new Set(["AE01", "AE02", "AE03", "AE06"]);
const keys = (text: string) => tokenise(text, known).map((t) => t.key);

describe("tokenise", () => {
  it.each([
    "AE01",
    "ae01",
    "ae1",
    "AE 1",
    "ae-01",
    "ＡＥ－０１",
    "ＡＥ０１",
    "ae01が出る",
    "エラーコードae01が表示される",
  ])("finds the code in %s", (text) => {
    expect(keys(text)).toContain("c:AE01");
  });

  it("does not make a code of a code-shaped string the content does not know", () => {
    expect(keys("AE07")).not.toContain("c:AE07");
    expect(keys("IE11")).not.toContain("c:IE11");
  });

  it("splits e-mail addresses, URLs and snake_case into their words", () => {
    expect(keys("no-reply@id.hp.com")).toEqual(expect.arrayContaining(["no", "reply", "id", "hp", "com"]));
    expect(keys("jpn_advantageplus_account")).toEqual(expect.arrayContaining(["jpn", "advantageplus", "account"]));
    expect(keys("https://s360.hp.com/index.do?cty_id=ap5")).toEqual(
      expect.arrayContaining(["s360", "hp", "index", "cty", "ap5"]),
    );
  });

  it("splits letters from digits, so IE11 meets Internet Explorer11 and Internet Explorer 11", () => {
    expect(keys("IE11")).toEqual(expect.arrayContaining(["ie11", "ie", "11"]));
    expect(keys("Internet Explorer11")).toEqual(expect.arrayContaining(["explorer", "11"]));
    expect(keys("Internet Explorer 11")).toEqual(expect.arrayContaining(["explorer", "11"]));
  });

  it("turns Japanese into bigrams within a script, kanji with okurigana, single kanji and kanji stems", () => {
    const terms = keys("確認コードが届きました");
    expect(terms).toEqual(
      expect.arrayContaining(["確認", "確", "認", "s:確認", "こー", "ーど", "届き", "届", "s:届", "きま", "した"]),
    );
    expect(terms).not.toContain("どが"); // no pair across katakana and a particle
  });

  it("lets conjugations meet on their stems", () => {
    const shared = (a: string, b: string) => keys(a).filter((k) => keys(b).includes(k));
    expect(shared("届かない", "届きません")).toEqual(expect.arrayContaining(["届", "s:届"]));
    expect(shared("忘れた", "忘れてしまいました")).toEqual(expect.arrayContaining(["忘れ", "s:忘"]));
    expect(shared("設定できない", "設定できません")).toEqual(expect.arrayContaining(["設定", "s:設定", "n:でき"]));
  });

  it("keeps a negated predicate's endings apart from the affirmative's, but not its kanji", () => {
    const shared = (a: string, b: string) => keys(a).filter((k) => keys(b).includes(k));
    expect(shared("統合されている", "統合されていない").sort()).toEqual(["s:統合", "合", "統", "統合"].sort());
    expect(shared("統合されていない", "統合されていません")).toEqual(
      expect.arrayContaining(["n:され", "n:てい", "n:合さ"]),
    );
    // The negation holds for its own run of kana only: 表示されて before サインインできません is affirmative.
    expect(keys("表示されてサインインできません")).toEqual(expect.arrayContaining(["され", "n:でき"]));
  });

  it("folds width and kana the same way for every form of a word", () => {
    const forms = ["パスワード", "ﾊﾟｽﾜｰﾄﾞ", "ぱすわーど"].map((text) => keys(text).sort());
    expect(forms[1]).toEqual(forms[0]);
    expect(forms[2]).toEqual(forms[0]);
  });

  it("ignores punctuation, control and zero-width characters", () => {
    expect(keys("\u0000\u200b\u202e!!??()[]")).toEqual([]);
  });
});

describe("analyse", () => {
  it.each(["ﾊﾟｽﾜｰﾄﾞを忘れました", "ＡＥ－０６", "HP アカウント", "no-reply@id.hp.com", "𠮷野家 ‐ ロック", ""])(
    "%j: its normal text is normalise()'s, so query spans and synonyms line up",
    (text) => {
      expect(analyse(text, new Set(["AE06"])).normal).toBe(normalise(text));
    },
  );
});
