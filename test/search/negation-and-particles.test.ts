import { describe, expect, it } from "vitest";
import { writtenForm } from "../../src/search/colloquial.js";
import { isNegatedRun } from "../../src/search/negation.js";
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
const first = (index: ReturnType<typeof buildSearchIndex>, query: string) => search(index, query).results[0]?.id;

async function faqIndex() {
  const { content } = await bundledSite();
  return buildSearchIndex(documentsFromContent(content), { synonyms: content.synonyms });
}

describe("negation", () => {
  // The negative title shares more characters with 同期されている than the affirmative answer does.
  const index = buildSearchIndex([
    doc("negative", { title: "データが同期されていない場合", body: "通信を確認してください。" }),
    doc("affirmative", {
      title: "同期の状態を確認するには",
      body: "データが同期されているかは設定画面に表示されます。",
    }),
  ]);

  it("answers an affirmative question with the affirmative answer, and a negative one with the negative", () => {
    expect(first(index, "同期されている")).toBe("affirmative");
    expect(first(index, "同期されているか")).toBe("affirmative");
    expect(first(index, "同期されていない")).toBe("negative");
    expect(first(index, "同期されていません")).toBe("negative");
  });

  it("still finds a negative answer for an affirmative query when it is the only one about the subject", () => {
    const only = buildSearchIndex([
      doc("negative", { title: "データが同期されていない場合" }),
      doc("other", { title: "パスワードの変更" }),
    ]);
    expect(first(only, "同期されている")).toBe("negative");
  });

  it("in the FAQ: 違うアカウントで統合されている is AE03, not AE05 (統合されていない)", async () => {
    const faq = await faqIndex();
    expect(first(faq, "違うHPアカウントで統合されている")).toBe("ae03");
    expect(first(faq, "統合されていない")).toBe("ae05");
  });

  it.each([
    ["ない", true],
    ["されていない", true],
    ["きません", true],
    ["なかった", true],
    ["せずに", true],
    ["されています", false],
    ["してしまいました", false],
    ["ください", false],
    ["なので", false],
  ])("%s is negated: %s", (kana, negated) => {
    expect(isNegatedRun([...kana])).toBe(negated);
  });
});

describe("colloquial particles", () => {
  it.each([
    ["HPアカウントって何", "hpアカウントとは何"],
    ["統合っていうのは", "統合とは"],
    ["CSNってなに", "csnとはなに"],
    ["アカウントがロックされちゃった", "アカウントがロックされてしまった"],
    ["消えちゃいました", "消えてしまいました"],
    ["ログインじゃない", "ログインではない"],
  ])("%s is read as %s", (typed, written) => {
    expect(writtenForm(typed)).toBe(written);
  });

  it.each(["待って", "使ってログイン", "どうやって", "ちゃんと", "じゃあ"])(
    "%s, a verb's te-form or no particle at all, is left alone",
    (typed) => {
      expect(writtenForm(typed)).toBe(typed);
    },
  );

  it("in the FAQ: HPアカウントって何 is 「HP アカウントとは何ですか？」, as HPアカウントとは is", async () => {
    const faq = await faqIndex();
    expect(first(faq, "HPアカウントって何")).toBe("what-is-hp-account");
    expect(first(faq, "HPアカウントとは")).toBe("what-is-hp-account");
    expect(first(faq, "統合って何")).toBe("what-is-account-integration");
  });
});
