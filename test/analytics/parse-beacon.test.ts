import { describe, expect, it } from "vitest";
import { parseBeacon } from "../../src/analytics/parse-beacon.js";

const exists = (id: string) => id === "ae01";

describe("parseBeacon", () => {
  it("accepts a click and a chosen suggestion", () => {
    expect(parseBeacon({ type: "click", q: " ae01 ", id: "ae01", position: 1 }, exists)).toEqual({
      ok: true,
      value: { type: "click", q: "ae01", id: "ae01", position: 1 },
    });
    expect(parseBeacon({ type: "suggest", q: "ae", id: "ae01", position: 3 }, exists).ok).toBe(true);
  });

  it.each([
    [null, "object"],
    [[], "object"],
    [{ type: "view", q: "a", id: "ae01", position: 1 }, "type"],
    [{ type: "click", q: "", id: "ae01", position: 1 }, "q must"],
    [{ type: "click", q: "あ".repeat(201), id: "ae01", position: 1 }, "q must"],
    [{ type: "click", q: "a", id: "nope", position: 1 }, "id must"],
    [{ type: "click", q: "a", id: "ae01", position: 0 }, "position"],
    [{ type: "click", q: "a", id: "ae01", position: 1.5 }, "position"],
    [{ type: "click", q: "a", id: "ae01", position: "1" }, "position"],
  ])("refuses %j", (body, error) => {
    const parsed = parseBeacon(body, exists);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain(error);
  });
});
