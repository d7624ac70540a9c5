import { describe, expect, it } from "vitest";
import { RollupGate } from "../../src/analytics/rollup-gate.js";

describe("RollupGate", () => {
  it("counts each reader's query once a day, and again the next day", () => {
    const gate = new RollupGate();
    expect(gate.admit("2026-12-06", "reader-a", "ae03")).toBeDefined();
    expect(gate.admit("2026-12-06", "reader-a", "ae03")).toBeUndefined();
    expect(gate.admit("2026-12-06", "reader-b", "ae03")).toBeDefined();
    expect(gate.admit("2026-12-07", "reader-a", "ae03")).toBeDefined();
  });

  it("lets one reader add at most so many distinct queries a day", () => {
    const gate = new RollupGate(3);
    const added = ["a", "b", "c", "d", "e"].map((q) => gate.admit("2026-12-06", "junk", q) !== undefined);
    expect(added).toEqual([true, true, true, false, false]);
    expect(gate.admit("2026-12-06", "someone else", "d")).toBeDefined();
  });

  it("counts a reader's click on one answer from one query once a day", () => {
    const gate = new RollupGate();
    expect(gate.admitClick("2026-12-06", "r", "ae03", "ae03")).toBeDefined();
    expect(gate.admitClick("2026-12-06", "r", "ae03", "ae03")).toBeUndefined();
    expect(gate.admitClick("2026-12-06", "r", "ae03", "ae04")).toBeDefined();
  });

  it("takes an admission back when its batch was not written, so the retry counts", () => {
    const gate = new RollupGate(1);
    gate.admit("d", "r", "ae03")?.();
    expect(gate.admit("d", "r", "ae03")).toBeDefined();
    gate.admitClick("d", "r", "ae03", "ae03")?.();
    expect(gate.admitClick("d", "r", "ae03", "ae03")).toBeDefined();
  });

  it("empties itself when full rather than grow", () => {
    const gate = new RollupGate(100, 2);
    expect(gate.admit("d", "r", "1")).toBeDefined();
    expect(gate.admit("d", "r", "2")).toBeDefined();
    expect(gate.admit("d", "r", "1")).toBeDefined();
  });
});
