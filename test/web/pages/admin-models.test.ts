import { describe, expect, it } from "vitest";
import type { QuestionRow } from "../../../src/admin/reports.js";
import { reviewsDue } from "../../../src/content/freshness.js";
import { loadContent } from "../../../src/content/load-content.js";
import type { Suggestion } from "../../../src/suggestions/mine.js";
import { adminSuggestionsPage, SUGGESTIONS_SHOWN } from "../../../src/web/pages/admin-models.js";
import { CONTENT_DIR } from "../../helpers/content-dir.js";

const content = await loadContent(CONTENT_DIR);
const period = { count: 6, unit: "month" as const, text: "6 months" };
const dueContent = {
  ...content,
  questions: content.questions.map((q) =>
    ["ae01", "ae02", "ae03"].includes(q.id) ? { ...q, reviewed: "2025-01-01", reviewEvery: period, owner: "窓口" } : q,
  ),
};
const rated = (id: string, helpful: number, notHelpful: number): QuestionRow => ({
  id,
  title: id,
  file: `questions/${id}.md`,
  helpful,
  notHelpful,
  helpfulRate: helpful + notHelpful > 0 ? helpful / (helpful + notHelpful) : undefined,
  reasons: [],
  comments: [],
});
const page = (open: Suggestion[], rows: QuestionRow[] = [], patchReady = false) =>
  adminSuggestionsPage({
    content: dueContent,
    days: 30,
    sorted: { open, accepted: [], dismissed: [] },
    diffOf: () => ({ changes: [], refused: [] }),
    patchReady,
    pathOf: (file) => `content/${file}`,
    reviews: reviewsDue(dueContent.questions, "2026-12-06"),
    rated: rows,
    session: { user: "support-lead", csrfToken: "t" },
  }).data;

describe("adminSuggestionsPage", () => {
  it("lists the answers due for review worst helpful rate first, those without votes last", () => {
    const { reviews } = page([], [rated("ae01", 9, 1), rated("ae03", 1, 3)]);
    expect(reviews.map((r) => [r.file, r.helpfulRate, r.owner])).toEqual([
      ["questions/ae03.md", "25.0%", "窓口"],
      ["questions/ae01.md", "90.0%", "窓口"],
      ["questions/ae02.md", "–", "窓口"],
    ]);
  });

  it(`shows the ${SUGGESTIONS_SHOWN} with most readers of each kind and counts the rest`, () => {
    const gaps = Array.from(
      { length: SUGGESTIONS_SHOWN + 4 },
      (_, i): Suggestion => ({
        kind: "gap",
        id: `g${i}`,
        query: `q${i}`,
        readers: 100 - i,
      }),
    );
    const data = page(gaps);
    expect(data.gaps).toHaveLength(SUGGESTIONS_SHOWN);
    expect(data.gaps[0]).toMatchObject({ query: "q0", readers: 100, searchUrl: "/search?q=q0" });
    expect(data.hidden).toEqual({ keywords: 0, synonyms: 0, gaps: 4 });
  });

  it("offers the patch only when the accepted suggestions change something", () => {
    expect(page([]).patchUrl).toBeUndefined();
    expect(page([], [], true).patchUrl).toBe("/admin/reports/suggestions.patch");
  });
});
