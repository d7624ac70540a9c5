import { describe, expect, it } from "vitest";
import { periodEnding } from "../../src/admin/report-math.js";
import { loadContent } from "../../src/content/load-content.js";
import { buildSearchIndex } from "../../src/search/index.js";
import { currentSuggestions, firstResults, sortedByDecision } from "../../src/suggestions/current-suggestions.js";
import type { Suggestion } from "../../src/suggestions/mine.js";
import type { Decision, Evidence, SuggestionStore } from "../../src/suggestions/suggestion-store.js";
import { documentsFromContent } from "../../src/web/search/documents-from-content.js";
import { CONTENT_DIR } from "../helpers/content-dir.js";

const content = await loadContent(CONTENT_DIR);
const index = buildSearchIndex(documentsFromContent(content), { synonyms: content.synonyms });

/** The store's read side as a fixed answer: the mining and the live index are what is under test. */
const storeWith = (evidence: Evidence) => ({ evidence: async () => evidence }) as unknown as SuggestionStore;

describe("currentSuggestions", () => {
  it("proposes a keyword only where today's index does not already rank the answer first", async () => {
    const evidence: Evidence = {
      rewrites: [
        { from: "二段階認証", to: null, question: "verification-code-invalid", readers: 3 },
        { from: "AE03", to: null, question: "ae03", readers: 3 },
      ],
      unanswered: [],
      readers: new Map(),
    };
    const found = await currentSuggestions(storeWith(evidence), periodEnding(30, Date.now()), content, index);
    expect(found.map((s) => s.kind === "keyword" && s.keyword)).toEqual(["二段階認証"]);
  });

  it("knows the content's synonym groups: a swap of two grouped words is no suggestion", async () => {
    const evidence: Evidence = {
      rewrites: [{ from: "ログインできない", to: "サインインできない", question: "cannot-log-in", readers: 3 }],
      unanswered: [],
      readers: new Map([
        ["ログインできない", 3],
        ["サインインできない", 3],
      ]),
    };
    const found = await currentSuggestions(storeWith(evidence), periodEnding(30, Date.now()), content, index);
    expect(found.filter((s) => s.kind === "synonym")).toEqual([]);
  });
});

describe("firstResults", () => {
  it("gives the ids of the first results, as many as asked", () => {
    expect(firstResults(index, 1)("AE03")).toEqual(["ae03"]);
  });
});

describe("sortedByDecision", () => {
  it("leaves the decided suggestions out of the open ones, and sorts the decisions by status", () => {
    const gap = (id: string): Suggestion => ({ kind: "gap", id, query: id, readers: 3 });
    const decision = (id: string, status: Decision["status"]): Decision => ({
      id,
      status,
      suggestion: gap(id),
      decidedBy: "x",
      decidedAt: "2026-12-06T00:00:00.000Z",
    });
    const sorted = sortedByDecision(
      [gap("a"), gap("b"), gap("c")],
      [decision("a", "accepted"), decision("b", "dismissed")],
    );
    expect(sorted.open.map((s) => s.id)).toEqual(["c"]);
    expect(sorted.accepted.map((d) => d.id)).toEqual(["a"]);
    expect(sorted.dismissed.map((d) => d.id)).toEqual(["b"]);
  });
});
