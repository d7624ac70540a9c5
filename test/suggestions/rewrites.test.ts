import { describe, expect, it } from "vitest";
import { resolvedBy, type Step } from "../../src/suggestions/rewrites.js";

const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 3, minute)).toISOString();
const step = (query: string, minute: number, results = 0, clicked: string | null = null): Step => ({
  query,
  results,
  clicked,
  at: at(minute),
});

describe("resolvedBy", () => {
  it("takes a search with no result, then an answer opened from another search, as a rewrite", () => {
    const steps = [step("ぱすわーど わすれ", 0), step("パスワード 忘れた", 2, 3, "forgot-password")];
    expect(resolvedBy({ question: "forgot-password", query: "パスワード 忘れた", at: at(2) }, steps)).toEqual([
      { from: "ぱすわーど わすれ", to: "パスワード 忘れた", question: "forgot-password" },
    ]);
  });

  it("counts a search whose results were not opened as failed too, and a はい vote as the answer reached", () => {
    const steps = [step("統合 できない", 1, 4)];
    expect(resolvedBy({ question: "ae03", query: null, at: at(5) }, steps)).toEqual([
      { from: "統合 できない", to: null, question: "ae03" },
    ]);
  });

  it("ignores searches more than ten minutes before the answer, and after it", () => {
    const steps = [step("古い検索", 0), step("後の検索", 20)];
    expect(resolvedBy({ question: "ae01", query: "AE01", at: at(11) }, steps)).toEqual([]);
  });

  it("stops at an earlier search the reader opened an answer from: what came before was resolved by it", () => {
    const steps = [step("最初", 0), step("二番目", 1, 2, "ae02"), step("三番目", 2)];
    expect(resolvedBy({ question: "ae03", query: "AE03", at: at(3) }, steps).map((r) => r.from)).toEqual(["三番目"]);
  });

  it("names each failed query once and the newest three at most, never the successful query itself", () => {
    const steps = ["a", "b", "c", "d", "c"].map((q, i) => step(q, i)).concat(step("e", 6, 1, "ae01"));
    expect(resolvedBy({ question: "ae01", query: "e", at: at(6) }, steps).map((r) => r.from)).toEqual(["c", "d", "b"]);
  });
});
