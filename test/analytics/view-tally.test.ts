import { describe, expect, it } from "vitest";
import { ViewTally } from "../../src/analytics/view-tally.js";

const NOON_JST = Date.parse("2026-12-01T03:00:00Z");
const NEXT_DAY_JST = Date.parse("2026-12-01T15:00:00Z");

describe("ViewTally", () => {
  it("sums views per question until taken, then starts again", () => {
    const tally = new ViewTally();
    for (const question of ["ae04", "ae04", "ae01", "ae04"]) tally.count(question, NOON_JST);
    expect(tally.take()).toEqual([
      { type: "views", time: NOON_JST, question: "ae04", count: 3 },
      { type: "views", time: NOON_JST, question: "ae01", count: 1 },
    ]);
    expect(tally.take()).toEqual([]);
  });

  it("keeps each Japan day's views apart when midnight passes between two takes", () => {
    const tally = new ViewTally();
    tally.count("ae04", NOON_JST);
    tally.count("ae04", NEXT_DAY_JST);
    tally.count("ae04", NEXT_DAY_JST + 1);
    expect(tally.take()).toEqual([
      { type: "views", time: NOON_JST, question: "ae04", count: 1 },
      { type: "views", time: NEXT_DAY_JST, question: "ae04", count: 2 },
    ]);
  });
});
