import { createHash } from "node:crypto";
import { swappedWords } from "./swapped-words.js";

/**
 * Suggestions from what readers did next, as pure arithmetic over the stored evidence. No query seen from
 * fewer than MIN_SUGGESTION_READERS readers is ever shown: it may be one person's, however well redacted.
 */
export const MIN_SUGGESTION_READERS = 3;
/** A keyword is a few words: a longer query is a question to answer, not a word to add. */
export const MAX_KEYWORD_LENGTH = 30;
/** Example rewrites shown per suggestion. */
const EXAMPLES = 3;

/** Readers whose failed search `from` was followed by `to` (null: a はい vote) reaching `question`. */
export interface RewriteEvidence {
  from: string;
  to: string | null;
  question: string;
  readers: number;
}

/** A query no search of which found anything, and how many readers searched it. */
export interface UnansweredQuery {
  query: string;
  readers: number;
}

export interface MiningInput {
  rewrites: readonly RewriteEvidence[];
  unanswered: readonly UnansweredQuery[];
  /** How many readers searched a query in the period (a reader counts once a day). */
  readersOf: (query: string) => number;
  /** The answer the content as it is now ranks first for a query. */
  firstResultOf: (query: string) => string | undefined;
  /** The synonym groups as they are now. */
  synonyms: readonly (readonly string[])[];
}

export interface Example {
  from: string;
  to: string;
}

export type Suggestion =
  | { kind: "keyword"; id: string; query: string; question: string; readers: number; examples: string[] }
  | { kind: "synonym"; id: string; words: [string, string]; readers: number; examples: Example[] }
  | { kind: "gap"; id: string; query: string; readers: number };

export type SuggestionOf<K extends Suggestion["kind"]> = Extract<Suggestion, { kind: K }>;

/** A stable id for a suggestion: the same proposal keeps its id (and its decision) from one day to the next. */
export function suggestionId(kind: Suggestion["kind"], ...parts: string[]): string {
  return createHash("sha256")
    .update(JSON.stringify([kind, ...parts]))
    .digest("base64url")
    .slice(0, 16);
}

const byReaders = <T extends { readers: number }>(a: T, b: T) => b.readers - a.readers;

/** Every suggestion the evidence supports, most readers first within each kind. */
export function mineSuggestions(input: MiningInput): Suggestion[] {
  const keywords = keywordSuggestions(input);
  const synonyms = synonymSuggestions(input);
  const proposed = new Set(keywords.map((s) => s.query));
  const reached = new Set(input.rewrites.map((r) => r.from));
  const gaps = input.unanswered
    .filter((q) => q.readers >= MIN_SUGGESTION_READERS && !proposed.has(q.query) && !reached.has(q.query))
    .map((q): Suggestion => ({ kind: "gap", id: suggestionId("gap", q.query), query: q.query, readers: q.readers }))
    .sort(byReaders);
  return [...keywords, ...synonyms, ...gaps];
}

/** "Add keyword Q to answer X": at least three readers went from Q to X, and Q does not find X first today. */
function keywordSuggestions(input: MiningInput): SuggestionOf<"keyword">[] {
  const groups = new Map<string, { query: string; question: string; readers: number; to: Map<string, number> }>();
  for (const rewrite of input.rewrites) {
    const key = JSON.stringify([rewrite.from, rewrite.question]);
    let group = groups.get(key);
    if (!group)
      groups.set(key, (group = { query: rewrite.from, question: rewrite.question, readers: 0, to: new Map() }));
    group.readers += rewrite.readers;
    if (rewrite.to !== null) group.to.set(rewrite.to, (group.to.get(rewrite.to) ?? 0) + rewrite.readers);
  }
  return [...groups.values()]
    .filter((g) => g.readers >= MIN_SUGGESTION_READERS && [...g.query].length <= MAX_KEYWORD_LENGTH)
    .filter((g) => input.firstResultOf(g.query) !== g.question)
    .map((g) => ({
      kind: "keyword" as const,
      id: suggestionId("keyword", g.query, g.question),
      query: g.query,
      question: g.question,
      readers: g.readers,
      examples: shown(
        [...g.to].map(([to, readers]) => ({ to, readers })),
        (e) => [e.to],
        input,
      ).map((e) => e.to),
    }))
    .sort(byReaders);
}

/** "A synonym group": readers swapped one word for another, kept the rest, and reached the same answer. */
function synonymSuggestions(input: MiningInput): SuggestionOf<"synonym">[] {
  const pairs = new Map<
    string,
    { words: [string, string]; readers: number; examples: Array<Example & { readers: number }> }
  >();
  for (const rewrite of input.rewrites) {
    if (rewrite.to === null) continue;
    const swap = swappedWords(rewrite.from, rewrite.to);
    if (!swap || grouped(input.synonyms, swap)) continue;
    const words = [...swap].sort() as [string, string];
    const key = JSON.stringify(words);
    let pair = pairs.get(key);
    if (!pair) pairs.set(key, (pair = { words, readers: 0, examples: [] }));
    pair.readers += rewrite.readers;
    pair.examples.push({ from: rewrite.from, to: rewrite.to, readers: rewrite.readers });
  }
  return [...pairs.values()]
    .filter((p) => p.readers >= MIN_SUGGESTION_READERS)
    .map((p) => ({
      kind: "synonym" as const,
      id: suggestionId("synonym", ...p.words),
      words: p.words,
      readers: p.readers,
      examples: shown(p.examples, (e) => [e.from, e.to], input).map(({ from, to }) => ({ from, to })),
    }))
    .sort(byReaders);
}

/** True when both words are already in one group. */
function grouped(groups: MiningInput["synonyms"], [a, b]: [string, string]): boolean {
  return groups.some((group) => group.includes(a) && group.includes(b));
}

/** The examples that may be shown (every query in them seen from enough readers), most readers first. */
function shown<T extends { readers: number }>(examples: T[], queriesOf: (e: T) => string[], input: MiningInput): T[] {
  return examples
    .filter((e) => queriesOf(e).every((q) => input.readersOf(q) >= MIN_SUGGESTION_READERS))
    .sort(byReaders)
    .slice(0, EXAMPLES);
}
