import type { ReaderEvent } from "./events.js";

/**
 * A reader event as it crosses to the writer thread: a tuple, not an object. Structured clone writes every
 * object's keys again for every event; as tuples a batch clones in about half the time and is read back
 * in about a third (node:v8 serialize and deserialize, 2,000 searches).
 */
export type WireEvent =
  | [kind: 0, time: number, address: string, userAgent: string, question: string, helpful: boolean, reason: string | null, comment: string | null]
  | [kind: 1, time: number, address: string, userAgent: string, query: string, results: number, topResult: string | null, codeMatch: boolean, source: "page" | "suggest", clickQuestion: string | null, clickPosition: number | null]
  | [kind: 2, time: number, address: string, userAgent: string, query: string, question: string, position: number];

export function toWire(event: ReaderEvent): WireEvent {
  switch (event.type) {
    case "vote":
      return [0, event.time, event.address, event.userAgent, event.question, event.helpful, event.reason, event.comment];
    case "search":
      return [1, event.time, event.address, event.userAgent, event.query, event.results, event.topResult, event.codeMatch, event.source, event.click?.question ?? null, event.click?.position ?? null];
    case "click":
      return [2, event.time, event.address, event.userAgent, event.query, event.question, event.position];
  }
}

export function fromWire(wire: WireEvent): ReaderEvent {
  switch (wire[0]) {
    case 0:
      return { type: "vote", time: wire[1], address: wire[2], userAgent: wire[3], question: wire[4], helpful: wire[5], reason: wire[6], comment: wire[7] };
    case 1: {
      const search: ReaderEvent = { type: "search", time: wire[1], address: wire[2], userAgent: wire[3], query: wire[4], results: wire[5], topResult: wire[6], codeMatch: wire[7], source: wire[8] };
      return wire[9] === null || wire[10] === null ? search : { ...search, click: { question: wire[9], position: wire[10] } };
    }
    case 2:
      return { type: "click", time: wire[1], address: wire[2], userAgent: wire[3], query: wire[4], question: wire[5], position: wire[6] };
  }
}
