import { describe, expect, it } from "vitest";
import { loadContent } from "../../src/content/load-content.js";
import type { Suggestion } from "../../src/suggestions/mine.js";
import { contentChanges, patchOf } from "../../src/suggestions/suggestion-patch.js";
import { CONTENT_DIR } from "../helpers/content-dir.js";

const content = await loadContent(CONTENT_DIR);
const keyword = (word: string, question: string): Suggestion => ({
  kind: "keyword",
  id: `k-${word}`,
  keyword: word,
  question,
  readers: 3,
  queries: [],
  examples: [],
});
const files: Record<string, string> = {
  "questions/ae03.md": "---\nid: ae03\nkeywords: [別のアカウント]\n---\n本文\n",
  "synonyms.md": "---\nsynonyms:\n  - [サインイン, ログイン]\n---\n",
};
const read = (file: string) => files[file];

describe("contentChanges", () => {
  it("gathers every accepted edit of one file into one change, and leaves a gap out", () => {
    const { changes, refused } = contentChanges(
      [
        keyword("統合済み", "ae03"),
        keyword("別アカ", "ae03"),
        { kind: "gap", id: "g", query: "経費精算", readers: 3 },
        { kind: "synonym", id: "s", words: ["ログオン", "ログイン"], readers: 3, examples: [] },
      ],
      content,
      read,
    );
    expect(refused).toEqual([]);
    expect(changes).toEqual([
      {
        file: "questions/ae03.md",
        before: files["questions/ae03.md"],
        after: "---\nid: ae03\nkeywords: [別のアカウント, 統合済み, 別アカ]\n---\n本文\n",
      },
      {
        file: "synonyms.md",
        before: files["synonyms.md"],
        after: "---\nsynonyms:\n  - [サインイン, ログイン, ログオン]\n---\n",
      },
    ]);
  });

  it("says why it cannot write one (its answer is gone) and still writes the others", () => {
    const { changes, refused } = contentChanges(
      [keyword("x", "removed-answer"), keyword("統合済み", "ae03")],
      content,
      read,
    );
    expect(refused).toEqual(["answer removed-answer no longer exists"]);
    expect(changes.map((c) => c.file)).toEqual(["questions/ae03.md"]);
  });

  it("changes nothing for an edit the content has already, and starts a synonyms file when there is none", () => {
    expect(contentChanges([keyword("別のアカウント", "ae03")], content, read).changes).toEqual([]);
    const fresh = contentChanges(
      [{ kind: "synonym", id: "s", words: ["a", "b"], readers: 3, examples: [] }],
      content,
      () => undefined,
    );
    expect(fresh.changes[0]).toMatchObject({ file: "synonyms.md", before: undefined });
    expect(patchOf(fresh.changes, (f) => `content/${f}`)).toContain("--- /dev/null\n+++ b/content/synonyms.md\n");
  });
});
