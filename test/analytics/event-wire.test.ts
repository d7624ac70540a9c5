import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fromWire, toWire } from "../../src/analytics/event-wire.js";
import type { ReaderEvent } from "../../src/analytics/events.js";

const reader = { time: fc.integer({ min: 0, max: 4_102_444_800_000 }), address: fc.string(), userAgent: fc.string() };
const maybe = (text: fc.Arbitrary<string>) => fc.option(text, { nil: null });
const vote = fc.record({ type: fc.constant("vote" as const), ...reader, question: fc.string(), helpful: fc.boolean(), reason: maybe(fc.string()), comment: maybe(fc.string()) });
const search = fc.record(
  {
    type: fc.constant("search" as const),
    ...reader,
    query: fc.string(),
    results: fc.nat(),
    topResult: maybe(fc.string()),
    codeMatch: fc.boolean(),
    source: fc.constantFrom("page" as const, "suggest" as const),
    click: fc.record({ question: fc.string(), position: fc.integer({ min: 1, max: 50 }) }),
  },
  { requiredKeys: ["type", "time", "address", "userAgent", "query", "results", "topResult", "codeMatch", "source"] },
);
const click = fc.record({ type: fc.constant("click" as const), ...reader, query: fc.string(), question: fc.string(), position: fc.integer({ min: 1, max: 50 }) });

describe("reader events on the way to the writer thread", () => {
  it("come back from their tuples as they were: votes, searches with and without a click, clicks", () => {
    fc.assert(
      fc.property(fc.oneof(vote, search, click), (event: ReaderEvent) => {
        // What the thread receives is a structured clone of the tuple.
        expect(fromWire(structuredClone(toWire(event)))).toEqual(event);
      }),
    );
  });

  it("carry a search's facts in a tuple, with no keys to clone", () => {
    const wire = toWire({ type: "search", time: 1, address: "203.0.113.1", userAgent: "ua", query: "ae03", results: 1, topResult: "ae03", codeMatch: true, source: "page" });
    expect(wire).toEqual([1, 1, "203.0.113.1", "ua", "ae03", 1, "ae03", true, "page", null, null]);
  });
});
