import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { unifiedDiff } from "../../src/suggestions/unified-diff.js";

/** Applies the patch with git itself in a scratch repository and returns the file as git leaves it. */
function gitApplied(file: string, before: string | undefined, patch: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), "diff-"));
  execFileSync("git", ["init", "-q"], { cwd: dir });
  execFileSync("mkdir", ["-p", path.dirname(path.join(dir, file))]);
  if (before !== undefined) writeFileSync(path.join(dir, file), before);
  writeFileSync(path.join(dir, "change.patch"), patch);
  execFileSync("git", ["apply", "change.patch"], { cwd: dir });
  return readFileSync(path.join(dir, file), "utf8");
}

const lines = (n: number) => Array.from({ length: n }, (_, i) => `line ${i + 1}`).join("\n");

describe("unifiedDiff", () => {
  const cases: Array<[string, string | undefined, string]> = [
    [
      "one line changed mid-file",
      `${lines(10)}\n`,
      `${lines(4)}\nchanged\n${lines(10).split("\n").slice(5).join("\n")}\n`,
    ],
    ["a line added at the end", `${lines(3)}\n`, `${lines(3)}\nline 4\n`],
    ["a line added at the start", `${lines(3)}\n`, `line 0\n${lines(3)}\n`],
    ["no newline at the end, before", lines(3), `${lines(3)}\n`],
    ["no newline at the end, after", `${lines(3)}\n`, `${lines(2)}\nline three`],
    ["a new file", undefined, "---\nsynonyms:\n  - [a, b]\n---\n"],
    [
      "Japanese text",
      "---\nkeywords: [別のアカウント]\n---\n本文\n",
      "---\nkeywords: [別のアカウント, 統合済み]\n---\n本文\n",
    ],
  ];

  it.each(cases)("is a patch git apply takes: %s", (_name, before, after) => {
    const patch = unifiedDiff("content/questions/x.md", before, after);
    expect(gitApplied("content/questions/x.md", before, patch)).toBe(after);
  });

  it("is empty when nothing changed", () => {
    expect(unifiedDiff("x.md", "same\n", "same\n")).toBe("");
  });

  it("shows three lines of context around the change, as diff -u does", () => {
    const patch = unifiedDiff("x.md", `${lines(10)}\n`, `${lines(10).replace("line 5", "five")}\n`);
    expect(patch).toContain("@@ -2,7 +2,7 @@\n line 2\n line 3\n line 4\n-line 5\n+five\n line 6\n");
  });
});
