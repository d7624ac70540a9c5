import { describe, expect, it } from "vitest";
import { readSourceFile } from "../../src/content/read-source-file.js";
import { lineToFix } from "../../src/content/yaml-error-line.js";

const file = (...frontMatter: string[]) =>
  new TextEncoder().encode(`---\n${frontMatter.join("\n")}\n---\n回答です。\n`);
const problemOf = (bytes: Uint8Array) => {
  const result = readSourceFile(bytes, "questions/ae03.md");
  if (result.ok) throw new Error("expected a problem");
  return result.problem;
};

describe("a YAML syntax error points at the line to fix", () => {
  it.each([
    [
      "a list left open",
      [
        "id: ae03",
        "title: AE03",
        "category: access-errors",
        "order: 3",
        "summary: 要約",
        "keywords: [サインイン, AE03",
      ],
      7,
    ],
    ["a list left open before more fields", ["id: ae03", "title: AE03", "codes: [AE03", "order: 3"], 4],
    ["a mapping left open", ["id: ae03", "meta: {a: 1", "order: 3"], 3],
    ["a double quote left open", ["id: ae03", 'title: "AE03 エラー', "order: 3"], 3],
    ["a single quote left open", ["id: ae03", "title: 'AE03 エラー", "order: 3"], 3],
  ])("%s", (_name, lines, line) => {
    const problem = problemOf(file(...lines));
    expect(problem.line).toBe(line);
    expect(problem.fix).toMatch(/^close the bracket or quote this line opens/);
  });

  it("keeps js-yaml's line where it is already the one to fix", () => {
    expect(problemOf(file("id: ae03", "title: x", "  bad: indent")).line).toBe(4);
  });
});

describe("lineToFix", () => {
  it("ignores brackets and quotes inside plain values and comments, and closed ones", () => {
    const lines = [
      "title: HP [ログイン] の画面",
      "note: it's fine # [not a list",
      "codes: [AE01, AE02]",
      'summary: "closed"',
      "x: y z",
    ];
    expect(lineToFix(lines, 6)).toBe(6);
  });

  it("follows a flow list over several lines to the line that opened it", () => {
    expect(lineToFix(["id: a", "keywords: [a,", "  b,", "  c", "order: 1"], 7)).toBe(3);
  });

  it("reads escaped quotes inside a quoted value", () => {
    expect(lineToFix(['title: "say \\"hi\\""', "order: 1"], 4)).toBe(4);
    expect(lineToFix(["title: 'it''s'", "order: 1"], 4)).toBe(4);
  });
});
