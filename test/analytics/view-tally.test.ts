import { describe, expect, it } from "vitest";
import { codeVisitTally, tenMinutesOf, viewTally } from "../../src/analytics/view-tally.js";

const NOON_JST = Date.parse("2026-12-01T03:00:00Z");
const NEXT_DAY_JST = Date.parse("2026-12-01T15:00:00Z");

describe("viewTally", () => {
  it("sums views per question until taken, then starts again", () => {
    const tally = viewTally();
    for (const question of ["ae04", "ae04", "ae01", "ae04"]) tally.count(question, NOON_JST);
    expect(tally.take()).toEqual([
      { type: "views", time: NOON_JST, question: "ae04", count: 3 },
      { type: "views", time: NOON_JST, question: "ae01", count: 1 },
    ]);
    expect(tally.take()).toEqual([]);
  });

  it("keeps each Japan day's views apart when midnight passes between two takes", () => {
    const tally = viewTally();
    tally.count("ae04", NOON_JST);
    tally.count("ae04", NEXT_DAY_JST);
    tally.count("ae04", NEXT_DAY_JST + 1);
    expect(tally.take()).toEqual([
      { type: "views", time: NOON_JST, question: "ae04", count: 1 },
      { type: "views", time: NEXT_DAY_JST, question: "ae04", count: 2 },
    ]);
  });
});

describe("codeVisitTally", () => {
  it("sums /errors/<code> visits per code and ten minutes", () => {
    const tally = codeVisitTally();
    const at = Date.parse("2026-12-06T03:04:00Z");
    tally.count("AE04", at);
    tally.count("AE04", at + 60_000);
    tally.count("AE04", at + 6 * 60_000);
    expect(tenMinutesOf(at)).toBe("2026-12-06T03:00:00.000Z");
    expect(tally.take()).toEqual([
      { type: "codeVisits", time: at, code: "AE04", count: 2 },
      { type: "codeVisits", time: at + 6 * 60_000, code: "AE04", count: 1 },
    ]);
  });
});
