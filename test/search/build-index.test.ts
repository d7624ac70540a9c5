import { describe, expect, it } from "vitest";
import { buildSearchIndex, type SearchDocument } from "../../src/search/index.js";

const doc = (id: string, fields: Partial<SearchDocument>): SearchDocument => ({
  id,
  title: "",
  keywords: [],
  codes: [],
  category: "",
  body: "",
  ...fields,
});

/** The documents holding `key`, with their summed BM25 parts. */
function postings(index: ReturnType<typeof buildSearchIndex>, key: string): Array<[string, number]> {
  const t = index.termIds.get(key);
  if (t === undefined) return [];
  const out: Array<[string, number]> = [];
  for (let i = index.offsets[t] ?? 0; i < (index.offsets[t + 1] ?? 0); i++)
    out.push([index.ids[index.docs[i] ?? 0] ?? "", index.parts[i] ?? 0]);
  return out;
}

describe("buildSearchIndex", () => {
  const index = buildSearchIndex([
    doc("both", { title: "パスワード", body: "パスワードを入力" }),
    doc("body", { title: "ログイン", body: "パスワードを入力" }),
    doc("none", { title: "ログイン", body: "メール" }),
  ]);

  it("lists a document once per term, in document order, however many fields hold it", () => {
    expect(postings(index, "ぱす").map(([id]) => id)).toEqual(["both", "body"]);
    expect(postings(index, "ろぐ").map(([id]) => id)).toEqual(["body", "none"]);
  });

  it("sums the fields: a term in the title as well as the answer weighs more", () => {
    const [[, both], [, body]] = postings(index, "ぱす") as [[string, number], [string, number]];
    expect(both).toBeGreaterThan(body * 2);
  });

  it("has no entry for what no document says, prototype names included", () => {
    expect(postings(index, "天気")).toEqual([]);
    expect(index.termIds.has("constructor")).toBe(false);
    expect(index.termIds.has("__proto__")).toBe(false);
  });
});
