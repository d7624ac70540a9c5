import type { IncomingMessage } from "node:http";

/**
 * What the request path hands to the queue. `address` and `userAgent` live only in memory until the writer
 * turns them into the day's visitor key; they are never stored.
 */
interface Reader {
  time: number;
  address: string;
  userAgent: string;
}

export type Vote = Reader & {
  type: "vote";
  question: string;
  helpful: boolean;
  reason: string | null;
  comment: string | null;
};

/** What a search found, as reports count it. */
export interface SearchFacts {
  results: number;
  topResult: string | null;
  codeMatch: boolean;
}

/** A finished search: a results page served, or a suggestion chosen from search-as-you-type. */
export type SearchDone = Reader &
  SearchFacts & {
    type: "search";
    /** Normalised and redacted. */
    query: string;
    source: "page" | "suggest";
    /** A suggestion is itself the click. */
    click?: { question: string; position: number };
  };

/** A result opened from a results page; joined to that reader's latest search for the query that day. */
export type Click = Reader & {
  type: "click";
  query: string;
  question: string;
  position: number;
};

/** A reader followed the contact link: where they came from, never who they are. */
export type ContactMade = Reader & {
  type: "contact";
  /** The answer, the error code and the (normalised, redacted) search they came from, each when known. */
  question: string | null;
  code: string | null;
  query: string | null;
};

/**
 * Answer pages served, summed in memory per question and day before they are queued: a view is counted, never
 * stored as a row of its own, and nothing about the reader travels with the sum.
 */
export interface ViewsCounted {
  type: "views";
  time: number;
  question: string;
  count: number;
}

/** /errors/<code> visits summed in memory per code and ten minutes, for the spike alerts. */
export interface CodeVisits {
  type: "codeVisits";
  time: number;
  code: string;
  count: number;
}

export type ReaderEvent = Vote | SearchDone | Click | ContactMade | ViewsCounted | CodeVisits;

/** The reader facts an event needs, taken from the request now; only the writer's hash of them is stored. */
export function readerOf(req: IncomingMessage, address: string, time = Date.now()): Reader {
  return { time, address, userAgent: userAgentOf(req) };
}

/** Longer agents are cut: each queued event holds one, and the queue is bounded in events. */
const MAX_USER_AGENT = 256;

function userAgentOf(req: IncomingMessage): string {
  const agent = req.headers["user-agent"] ?? "";
  return agent.length > MAX_USER_AGENT ? agent.slice(0, MAX_USER_AGENT) : agent;
}

/**
 * A results page served, as the queue takes it: made once per /search answered, so its fields are spelled
 * out. Spreading the reader and the search's facts into it cost the event loop more than queueing it.
 */
export function pageSearch(req: IncomingMessage, address: string, query: string, facts: SearchFacts): SearchDone {
  return {
    type: "search",
    time: Date.now(),
    address,
    userAgent: userAgentOf(req),
    query,
    results: facts.results,
    topResult: facts.topResult,
    codeMatch: facts.codeMatch,
    source: "page",
  };
}
