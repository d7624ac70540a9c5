import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fromWire, toWire } from "../../src/analytics/event-wire.js";
import type { ReaderEvent } from "../../src/analytics/events.js";

const reader = { time: fc.integer({ min: 0, max: 4_102_444_800_000 }), address: fc.string(), userAgent: fc.string() };
const maybe = (text: fc.Arbitrary<string>) => fc.option(text, { nil: null });
const vote = fc.record({
  type: fc.constant("vote" as const),
  ...reader,
  question: fc.string(),
  helpful: fc.boolean(),
  reason: maybe(fc.string()),
  comment: maybe(fc.string()),
});
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
const click = fc.record({
  type: fc.constant("click" as const),
  ...reader,
  query: fc.string(),
  question: fc.string(),
  position: fc.integer({ min: 1, max: 50 }),
});

const contact = fc.record({
  type: fc.constant("contact" as const),
  ...reader,
  question: maybe(fc.string()),
  code: maybe(fc.string()),
  query: maybe(fc.string()),
});
const views = fc.record({
  type: fc.constant("views" as const),
  time: reader.time,
  question: fc.string(),
  count: fc.integer({ min: 1, max: 1_000_000 }),
});

const codeVisits = fc.record({
  type: fc.constant("codeVisits" as const),
  time: reader.time,
  code: fc.string(),
  count: fc.integer({ min: 1, max: 1_000_000 }),
});

describe("reader events on the way to the writer thread", () => {
  it("come back as they were, in order: votes, searches with and without a click, clicks, contacts, view sums", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(vote, search, click, contact, views, codeVisits), { maxLength: 20 }),
        (events: ReaderEvent[]) => {
          const batch = toWire(events);
          // What the thread receives: a structured clone, the numbers' buffer moved rather than copied.
          const received = structuredClone(batch, { transfer: [batch.fields.buffer] });
          expect(fromWire(received)).toEqual(events);
        },
      ),
    );
  });

  it("carry each distinct string once, however many events repeat it", () => {
    const search = {
      type: "search",
      time: 1,
      address: "203.0.113.1",
      userAgent: "ua",
      query: "ae03",
      results: 1,
      topResult: "ae03",
      codeMatch: true,
      source: "page",
    } as const;
    const batch = toWire(Array.from({ length: 500 }, (_, i) => ({ ...search, time: i })));
    expect(batch.strings).toEqual(["203.0.113.1", "ua", "ae03"]);
    expect(fromWire(batch).map((event) => event.time)).toEqual(Array.from({ length: 500 }, (_, i) => i));
  });

  it("leave the sender's array empty once sent: the numbers are moved, not copied", () => {
    const batch = toWire([
      { type: "click", time: 5, address: "a", userAgent: "b", query: "q", question: "x", position: 2 },
    ]);
    const received = structuredClone(batch, { transfer: [batch.fields.buffer] });
    expect(batch.fields.length).toBe(0);
    expect(fromWire(received)).toEqual([
      { type: "click", time: 5, address: "a", userAgent: "b", query: "q", question: "x", position: 2 },
    ]);
  });
});
