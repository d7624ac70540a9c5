import { describe, expect, it } from "vitest";
import { checksFrom, failedChecks, parseSearchChecks } from "../../src/suggestions/search-checks.js";

const answers = new Set(["ae03", "ae05"]);

describe("parseSearchChecks", () => {
  it("reads an array of query and answer", () => {
    expect(parseSearchChecks('[{"query": "AE03", "answer": "ae03"}]', "search-checks.json", answers)).toEqual({
      checks: [{ query: "AE03", answer: "ae03" }],
      problems: [],
    });
  });

  it("names the file and the entry of each problem, with the fix", () => {
    const { problems } = parseSearchChecks(
      '[{"query": "AE03", "answer": "gone"}, {"query": ""}, 7]',
      "search-checks.json",
      answers,
    );
    expect(problems.map((p) => `${p.file}: ${p.message}`)).toEqual([
      'search-checks.json: entry 1 ("AE03") names answer "gone", which no question has.',
      'search-checks.json: entry 2 is not {"query": "…", "answer": "<question id>"}.',
      'search-checks.json: entry 3 is not {"query": "…", "answer": "<question id>"}.',
    ]);
    expect(problems[0]?.fix).toMatch(/content\/questions/);
    expect(parseSearchChecks("{}", "f.json", answers).problems[0]?.message).toBe("must be a JSON array.");
    expect(parseSearchChecks("nope", "f.json", answers).problems[0]?.message).toMatch(/^is not JSON/);
  });
});

describe("failedChecks", () => {
  it("fails a check whose answer falls below third, or whose query finds nothing; passes it at third", () => {
    const results: Record<string, string[]> = { a: ["x", "y", "ae03"], b: ["x", "y", "z", "ae03"], c: [] };
    const checks = ["a", "b", "c"].map((query) => ({ query, answer: "ae03" }));
    expect(failedChecks(checks, (q) => results[q] ?? [])).toEqual([
      { query: "b", answer: "ae03", found: ["x", "y", "z"] },
      { query: "c", answer: "ae03", found: [] },
    ]);
  });
});

describe("checksFrom", () => {
  const row = (query: string, readers: number, clicks: Array<[string, number]>) => ({
    query,
    readers,
    clicks: new Map(clicks),
  });

  it("keeps a query of five readers whose answer takes 60% of its clicks and is found in the first three", () => {
    const rows = [
      row("AE03", 5, [
        ["ae03", 3],
        ["ae05", 2],
      ]),
      row("four readers", 4, [["ae03", 4]]),
      row("split", 9, [
        ["ae03", 5],
        ["ae05", 4],
      ]),
      row("not found now", 9, [["ae05", 9]]),
    ];
    const resultsOf = (q: string) => (q === "not found now" ? ["ae03"] : ["ae03", "ae05"]);
    expect(checksFrom(rows, resultsOf)).toEqual([{ query: "AE03", answer: "ae03" }]);
  });
});
