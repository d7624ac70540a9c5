import { afterAll, describe, expect, it } from "vitest";
import { checkContent, reportLines } from "../../src/checks/check-content.js";
import { ContentError } from "../../src/content/content-error.js";
import { CONTENT_DIR, copyContentWith, removeContentDirs } from "../helpers/content-dir.js";
import { readFile } from "node:fs/promises";
import path from "node:path";

afterAll(removeContentDirs);

const NOW = Date.parse("2026-12-06T03:00:00Z");
const checks = (entries: unknown) => ({ "search-checks.json": JSON.stringify(entries) });

/** ae03.md with freshness fields added to its front-matter. */
async function ae03With(fields: string): Promise<Record<string, string>> {
  const source = await readFile(path.join(CONTENT_DIR, "questions/ae03.md"), "utf8");
  return { "questions/ae03.md": source.replace("updated: 2026-11-24\n", `updated: 2026-11-24\n${fields}`) };
}

describe("checkContent: reviews", () => {
  it("names the file of an answer whose review is due, its owner, and what to write once reviewed", async () => {
    const dir = await copyContentWith(
      await ae03With("owner: サポート窓口\nreviewed: 2026-05-01\nreview_every: 6 months\n"),
    );
    const report = await checkContent(dir, NOW);
    expect(report.reviews).toEqual([
      'questions/ae03.md: review due since 2026-11-01 (last checked 2026-05-01, every 6 months; owner: サポート窓口). Once reviewed, set "reviewed: 2026-12-06".',
    ]);
    expect(reportLines(dir, report, false).ok).toBe(true);
    expect(reportLines(dir, report, true)).toMatchObject({ ok: false });
    expect(reportLines(dir, report, true).lines).toContain(`Error: ${report.reviews[0]}`);
  });

  it("says nothing of an answer reviewed within its period, or with no period", async () => {
    const dir = await copyContentWith(await ae03With("reviewed: 2026-10-01\nreview_every: 1年\n"));
    expect((await checkContent(dir, NOW)).reviews).toEqual([]);
  });

  it("refuses a review period it cannot read, naming the field and the fix", async () => {
    const dir = await copyContentWith(await ae03With("review_every: sometimes\n"));
    await expect(checkContent(dir, NOW)).rejects.toThrow(
      /questions\/ae03\.md:\d+: field "review_every": must be a number and a unit/,
    );
  });
});

describe("checkContent: search checks", () => {
  it("passes when every popular query still finds its answer in the first three", async () => {
    const dir = await copyContentWith(
      checks([
        { query: "AE03", answer: "ae03" },
        { query: "パスワード 忘れた", answer: "forgot-password" },
      ]),
    );
    const report = await checkContent(dir, NOW);
    expect(report).toMatchObject({ searchChecks: 2, failures: [] });
    expect(reportLines(dir, report, false).lines).toContain("Search checks: all 2 hold.");
  });

  it("fails, naming the query and the answer, when an edit moves the answer out of the first three", async () => {
    const dir = await copyContentWith(
      checks([
        { query: "AE03", answer: "ae04" },
        { query: "xyzzy", answer: "ae01" },
      ]),
    );
    const report = await checkContent(dir, NOW);
    expect(report.failures).toEqual([
      expect.stringMatching(/^search-checks\.json: "AE03" no longer has ae04 in its first 3 results \(it finds ae03/),
      'search-checks.json: "xyzzy" now finds nothing; readers open ae01 from it.',
    ]);
    expect(reportLines(dir, report, false).ok).toBe(false);
  });

  it("names a file that is not JSON, and an entry whose answer does not exist, as content errors", async () => {
    const notJson = await copyContentWith({ "search-checks.json": "[{query: AE03}]" });
    await expect(checkContent(notJson, NOW)).rejects.toThrow(/search-checks\.json: is not JSON/);
    const unknown = await copyContentWith(checks([{ query: "AE03", answer: "no-such-answer" }]));
    const error = await checkContent(unknown, NOW).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContentError);
    expect(String(error)).toContain('entry 1 ("AE03") names answer "no-such-answer", which no question has.');
  });
});
