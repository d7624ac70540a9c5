import { normaliseWithOffsets } from "./normalise.js";
import type { AnalysedQuery } from "./rank.js";

export interface Segment {
  text: string;
  mark: boolean;
}

/** Spans of `text` (in original character offsets) where the query's terms occur, merged and sorted. */
function matchedSpans(text: string, query: AnalysedQuery): Array<[number, number]> {
  const { text: normal, offsets } = normaliseWithOffsets(text);
  const spans: Array<[number, number]> = [];
  const surfaces = new Set(
    query.terms.filter((t) => t.kind !== "kanaBigram" || t.surface.length > 1).map((t) => t.surface),
  );
  for (const surface of surfaces) {
    if (!surface) continue;
    // indexOf on plain strings: linear, and nothing from the query is ever compiled as a pattern.
    for (let at = normal.indexOf(surface); at !== -1; at = normal.indexOf(surface, at + 1)) {
      spans.push([offsets[at] ?? 0, offsets[at + surface.length] ?? text.length]);
    }
  }
  spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: Array<[number, number]> = [];
  for (const span of spans) {
    const last = merged.at(-1);
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else merged.push([span[0], span[1]]);
  }
  // Two kana alone ("ード", "れた") are as often a coincidence as a match: mark them only inside longer runs.
  return merged.filter(([start, end]) => end - start > 2 || !/^[\u3040-\u30ff]+$/.test(text.slice(start, end)));
}

function toSegments(text: string, spans: Array<[number, number]>, from = 0, to = text.length): Segment[] {
  const segments: Segment[] = [];
  let at = from;
  for (const [start, end] of spans) {
    if (end <= from || start >= to) continue;
    const s = Math.max(start, from);
    const e = Math.min(end, to);
    if (s > at) segments.push({ text: text.slice(at, s), mark: false });
    segments.push({ text: text.slice(s, e), mark: true });
    at = e;
  }
  if (at < to) segments.push({ text: text.slice(at, to), mark: false });
  return segments;
}

/** The whole text, with the query's matches marked: for titles. */
export function highlight(text: string, query: AnalysedQuery): Segment[] {
  return toSegments(text, matchedSpans(text, query));
}

/** A window of about `maxChars` around the densest run of matches, with "…" where it was cut: for answers. */
export function snippet(text: string, query: AnalysedQuery, maxChars = 120): Segment[] {
  const flat = text.replace(/\s+/g, " ").trim();
  const spans = matchedSpans(flat, query);
  if (flat.length <= maxChars) return toSegments(flat, spans);
  let bestStart = 0;
  let bestCover = -1;
  for (const [start] of spans) {
    const windowStart = Math.max(0, Math.min(start - 20, flat.length - maxChars));
    let cover = 0;
    for (const [s, e] of spans) if (s >= windowStart && e <= windowStart + maxChars) cover += e - s;
    if (cover > bestCover) {
      bestCover = cover;
      bestStart = windowStart;
    }
  }
  const end = Math.min(flat.length, bestStart + maxChars);
  const segments = toSegments(flat, spans, bestStart, end);
  if (bestStart > 0) segments.unshift({ text: "…", mark: false });
  if (end < flat.length) segments.push({ text: "…", mark: false });
  return segments;
}
