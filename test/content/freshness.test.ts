import { describe, expect, it } from "vitest";
import { addPeriod, reviewsDue } from "../../src/content/freshness.js";
import type { Question, ReviewPeriod } from "../../src/content/types.js";

const period = (count: number, unit: ReviewPeriod["unit"]): ReviewPeriod => ({ count, unit, text: `${count} ${unit}` });
const question = (id: string, fields: Partial<Question>): Question => ({
  id,
  title: id,
  category: "c",
  order: 1,
  codes: [],
  keywords: [],
  related: [],
  updated: undefined,
  html: "",
  text: "",
  file: `questions/${id}.md`,
  ...fields,
});

describe("addPeriod", () => {
  it("counts days, weeks, months and years as a calendar does", () => {
    expect(addPeriod("2026-05-01", period(6, "month"))).toBe("2026-11-01");
    expect(addPeriod("2026-12-30", period(1, "week"))).toBe("2027-01-06");
    expect(addPeriod("2024-02-29", period(1, "year"))).toBe("2025-03-01");
    expect(addPeriod("2026-12-06", period(30, "day"))).toBe("2027-01-05");
  });
});

describe("reviewsDue", () => {
  it("lists answers whose period since the last review (else the last update) has run out, longest overdue first", () => {
    const due = reviewsDue(
      [
        question("fresh", { reviewed: "2026-10-01", reviewEvery: period(6, "month") }),
        question("due", { reviewed: "2026-05-01", reviewEvery: period(6, "month") }),
        question("older", { updated: "2025-01-01", reviewEvery: period(1, "year") }),
        question("never", { reviewEvery: period(1, "year") }),
        question("no-period", { reviewed: "2020-01-01" }),
        question("today", { reviewed: "2026-06-06", reviewEvery: period(6, "month") }),
      ],
      "2026-12-06",
    );
    expect(due.map((d) => [d.question.id, d.since])).toEqual([
      ["never", undefined],
      ["older", "2026-01-01"],
      ["due", "2026-11-01"],
      ["today", "2026-12-06"],
    ]);
  });
});
