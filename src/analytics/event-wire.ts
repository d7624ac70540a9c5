import type { ReaderEvent } from "./events.js";

/**
 * A batch of reader events as it crosses to the writer thread: each distinct string once, and every event
 * a fixed run of numbers in one Float64Array, whose buffer is transferred rather than copied. A second's
 * searches repeat the same few addresses, queries and results: cloned one object per event, each of their
 * strings was copied and then hashed again on the writer's side for every event.
 */
export interface WireBatch {
  strings: string[];
  fields: Float64Array<ArrayBuffer>;
}

/** Numbers per event: the widest kind, a search with its click. */
const WIDTH = 11;
/** In a string's slot: no string (null). */
const NONE = -1;
const KIND = { vote: 0, search: 1, click: 2, contact: 3, views: 4, codeVisits: 5 } as const;
const SOURCE = ["page", "suggest"] as const;

export function toWire(events: readonly ReaderEvent[]): WireBatch {
  const strings: string[] = [];
  const numbered = new Map<string, number>();
  const id = (text: string): number => {
    let number = numbered.get(text);
    if (number === undefined) {
      numbered.set(text, (number = strings.length));
      strings.push(text);
    }
    return number;
  };
  const maybe = (text: string | null): number => (text === null ? NONE : id(text));
  const fields = new Float64Array(events.length * WIDTH);
  let at = 0;
  for (const event of events) {
    fields[at] = KIND[event.type];
    fields[at + 1] = event.time;
    if (event.type === "views" || event.type === "codeVisits") {
      fields[at + 2] = id(event.type === "views" ? event.question : event.code);
      fields[at + 3] = event.count;
      at += WIDTH;
      continue;
    }
    fields[at + 2] = id(event.address);
    fields[at + 3] = id(event.userAgent);
    switch (event.type) {
      case "vote":
        fields[at + 4] = id(event.question);
        fields[at + 5] = event.helpful ? 1 : 0;
        fields[at + 6] = maybe(event.reason);
        fields[at + 7] = maybe(event.comment);
        break;
      case "search":
        fields[at + 4] = id(event.query);
        fields[at + 5] = event.results;
        fields[at + 6] = maybe(event.topResult);
        fields[at + 7] = event.codeMatch ? 1 : 0;
        fields[at + 8] = SOURCE.indexOf(event.source);
        fields[at + 9] = event.click ? id(event.click.question) : NONE;
        fields[at + 10] = event.click ? event.click.position : NONE;
        break;
      case "click":
        fields[at + 4] = id(event.query);
        fields[at + 5] = id(event.question);
        fields[at + 6] = event.position;
        break;
      case "contact":
        fields[at + 4] = maybe(event.question);
        fields[at + 5] = maybe(event.code);
        fields[at + 6] = maybe(event.query);
        break;
    }
    at += WIDTH;
  }
  return { strings, fields };
}

/** The events again; equal strings are one string, so the writer's maps hash each of them once. */
export function fromWire({ strings, fields }: WireBatch): ReaderEvent[] {
  const text = (number: number): string => strings[number]!;
  const maybe = (number: number): string | null => (number === NONE ? null : text(number));
  const events: ReaderEvent[] = [];
  for (let at = 0; at < fields.length; at += WIDTH) {
    const time = fields[at + 1]!;
    if (fields[at] === KIND.views) {
      events.push({ type: "views", time, question: text(fields[at + 2]!), count: fields[at + 3]! });
      continue;
    }
    if (fields[at] === KIND.codeVisits) {
      events.push({ type: "codeVisits", time, code: text(fields[at + 2]!), count: fields[at + 3]! });
      continue;
    }
    const address = text(fields[at + 2]!);
    const userAgent = text(fields[at + 3]!);
    switch (fields[at]) {
      case KIND.vote:
        events.push({
          type: "vote",
          time,
          address,
          userAgent,
          question: text(fields[at + 4]!),
          helpful: fields[at + 5] === 1,
          reason: maybe(fields[at + 6]!),
          comment: maybe(fields[at + 7]!),
        });
        break;
      case KIND.search: {
        const search: ReaderEvent = {
          type: "search",
          time,
          address,
          userAgent,
          query: text(fields[at + 4]!),
          results: fields[at + 5]!,
          topResult: maybe(fields[at + 6]!),
          codeMatch: fields[at + 7] === 1,
          source: SOURCE[fields[at + 8]!]!,
        };
        events.push(
          fields[at + 9] === NONE
            ? search
            : { ...search, click: { question: text(fields[at + 9]!), position: fields[at + 10]! } },
        );
        break;
      }
      case KIND.click:
        events.push({
          type: "click",
          time,
          address,
          userAgent,
          query: text(fields[at + 4]!),
          question: text(fields[at + 5]!),
          position: fields[at + 6]!,
        });
        break;
      case KIND.contact:
        events.push({
          type: "contact",
          time,
          address,
          userAgent,
          question: maybe(fields[at + 4]!),
          code: maybe(fields[at + 5]!),
          query: maybe(fields[at + 6]!),
        });
        break;
    }
  }
  return events;
}
