import { afterAll, describe, expect, it } from "vitest";
import { runScript } from "../helpers/run-script.js";
import { copyContentWith, question, removeContentDirs } from "../helpers/content-dir.js";

afterAll(removeContentDirs);

const check = (contentDir: string) => runScript("scripts/check-content.ts", { CONTENT_DIR: contentDir });

describe("npm run check", () => {
  it("passes the bundled content", async () => {
    const result = await check("content");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("OK: 21 questions in 3 categories, 6 synonym groups");
  });

  it("prints every problem of CONTENT_DIR and exits non-zero", async () => {
    const dir = await copyContentWith({
      "questions/ae02.md": question({ id: "ae01", category: "access-errors", order: "4" }),
      "questions/bad.md": "---\ntitle: [\n---\n",
    });
    const result = await check(dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'questions/ae02.md:2: field "id": "ae01" is already the id of the question in questions/ae01.md.',
    );
    expect(result.stderr).toMatch(/questions\/bad\.md:\d+: YAML syntax error/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe("npm run check: reviews and search checks", () => {
  const ae03 = (fields: Record<string, string>) =>
    question(
      { id: "ae03", category: "access-errors", order: "5", codes: "[AE03]", ...fields },
      "別のアカウントで統合されています。",
    );

  it("warns of a review due, and fails on it with --strict", async () => {
    const dir = await copyContentWith({
      "questions/ae03.md": ae03({ reviewed: "2020-01-01", review_every: "1 year", owner: "サポート窓口" }),
    });
    const relaxed = await check(dir);
    expect(relaxed.code).toBe(0);
    expect(relaxed.stdout).toMatch(/Warning: questions\/ae03\.md: review due since 2021-01-01/);
    const strict = await runScript("scripts/check-content.ts", { CONTENT_DIR: dir }, ["--strict"]);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(/Error: questions\/ae03\.md: review due since 2021-01-01/);
  });

  it("fails when a query of content/search-checks.json no longer finds its answer", async () => {
    const dir = await copyContentWith({
      "search-checks.json": JSON.stringify([{ query: "AE03", answer: "ae03" }]),
      "questions/ae03.md": ae03({}),
    });
    expect((await check(dir)).code).toBe(0);
    const broken = await copyContentWith({
      "search-checks.json": JSON.stringify([{ query: "AE03", answer: "ae03" }]),
      "questions/ae03.md": ae03({ codes: "[]", title: "統合について" }),
    });
    const result = await check(broken);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Error: search-checks.json: "AE03" now finds nothing; readers open ae03 from it.');
  });
});
