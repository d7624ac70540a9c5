import { afterAll, describe, expect, it } from "vitest";
import { runScript } from "../helpers/run-script.js";
import { copyContentWith, question, removeContentDirs } from "../helpers/content-dir.js";

afterAll(removeContentDirs);

const check = (contentDir: string) => runScript("scripts/check-content.ts", { CONTENT_DIR: contentDir });

describe("npm run check", () => {
  it("passes the bundled content", async () => {
    const result = await check("content");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("OK: 21 questions in 3 categories, 4 synonym groups");
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
