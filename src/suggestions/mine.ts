import { createHash } from "node:crypto";
import { contentWords, swappedWords } from "./swapped-words.js";

/**
 * Suggestions from what readers did next, as pure arithmetic over the stored evidence. No query seen from
 * fewer than MIN_SUGGESTION_READERS readers is ever shown: it may be one person's, however well redacted.
 */
export const MIN_SUGGESTION_READERS = 3;
/** A keyword is a few words: a longer query is a question to answer, not a word to add. */
export const MAX_KEYWORD_LENGTH = 30;
/**
 * A word readers added on their way to more answers than this says nothing of any one of them: it would be
 * a keyword of each, and weigh less everywhere (方法 in "…の方法").
 */
export const MAX_KEYWORD_ANSWERS = 3;
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
  /** Whether the content has a word at all (a search for it alone finds something). */
  knows: (word: string) => boolean;
  /** Whether an answer's title, keywords or text has the word already. */
  answerHas: (question: string, word: string) => boolean;
  /** The synonym groups as they are now. */
  synonyms: readonly (readonly string[])[];
  /** Suggestions the office has dismissed: a dismissed synonym no longer stands in for its keywords. */
  dismissed?: ReadonlySet<string>;
}

export interface Example {
  from: string;
  to: string;
}

export type Suggestion =
  | {
      kind: "keyword";
      id: string;
      keyword: string;
      question: string;
      readers: number;
      /** The failed searches the keyword comes from, each searched by enough readers to be shown. */
      queries: string[];
      /** What those readers searched next. */
      examples: string[];
    }
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

/** The input, with the swaps between two queries worked out once each. */
type Mining = MiningInput & { swapOf: (from: string, to: string) => [string, string] | undefined };

const byReaders = <T extends { readers: number }>(a: T, b: T) => b.readers - a.readers;

/** Every suggestion the evidence supports, most readers first within each kind. */
export function mineSuggestions(given: MiningInput): Suggestion[] {
  // The same pair of queries recurs once per answer reached: its swap is worked out once.
  const swaps = new Map<string, [string, string] | undefined>();
  const input: Mining = {
    ...given,
    swapOf: (from, to) => {
      const key = `${from}\u0000${to}`;
      if (!swaps.has(key)) swaps.set(key, swappedWords(from, to));
      return swaps.get(key);
    },
  };
  const synonyms = synonymSuggestions(input);
  const standing = synonyms.filter((s) => !input.dismissed?.has(s.id));
  const keywords = keywordSuggestions(input, new Set(standing.flatMap((s) => s.words)));
  const reached = new Set(input.rewrites.map((r) => r.from));
  const gaps = input.unanswered
    .filter((q) => q.readers >= MIN_SUGGESTION_READERS && !reached.has(q.query))
    .map((q): Suggestion => ({ kind: "gap", id: suggestionId("gap", q.query), query: q.query, readers: q.readers }))
    .sort(byReaders);
  return [...keywords, ...synonyms, ...gaps];
}

/**
 * The words of a failed query worth adding to the answer the reader reached: the word they swapped out, when
 * they swapped one; else the words the FAQ does not know at all; else the words the answer lacks. Never the
 * query's common words the answer already has: a generic word added to one answer makes it weigh less in
 * every other, and costs other queries their first place.
 */
function keywordsOf(rewrite: RewriteEvidence, input: Mining): string[] {
  const swap = rewrite.to === null ? undefined : input.swapOf(rewrite.from, rewrite.to);
  if (swap) return [swap[0]];
  const words = contentWords(rewrite.from);
  const unknown = words.filter((word) => !input.knows(word));
  if (unknown.length > 0) return unknown;
  return words.filter((word) => !input.answerHas(rewrite.question, word));
}

/**
 * "Add keyword W to answer X": at least three readers searched for X in words with W, failed, and reached X;
 * X lacks W; W led readers to at most MAX_KEYWORD_ANSWERS answers; and one of their queries does not find X
 * first today. A keyword holding a word of a standing synonym suggestion is left to it: the synonym reaches
 * every answer, and the two together would weigh twice.
 */
function keywordSuggestions(input: Mining, covered: ReadonlySet<string>): SuggestionOf<"keyword">[] {
  type Group = {
    keyword: string;
    question: string;
    readers: number;
    from: Map<string, number>;
    to: Map<string, number>;
  };
  const groups = new Map<string, Group>();
  for (const rewrite of input.rewrites) {
    for (const keyword of keywordsOf(rewrite, input)) {
      const key = JSON.stringify([keyword, rewrite.question]);
      let group = groups.get(key);
      if (!group)
        groups.set(key, (group = { keyword, question: rewrite.question, readers: 0, from: new Map(), to: new Map() }));
      group.readers += rewrite.readers;
      group.from.set(rewrite.from, (group.from.get(rewrite.from) ?? 0) + rewrite.readers);
      if (rewrite.to !== null) group.to.set(rewrite.to, (group.to.get(rewrite.to) ?? 0) + rewrite.readers);
    }
  }
  // A word readers added on their way to many answers (方法, やり方) is about none of them.
  const answersOf = new Map<string, number>();
  for (const g of groups.values()) answersOf.set(g.keyword, (answersOf.get(g.keyword) ?? 0) + 1);
  const tally = (counts: Map<string, number>) =>
    shown(
      [...counts].map(([query, readers]) => ({ query, readers })),
      (e) => [e.query],
      input,
    ).map((e) => e.query);
  return [...groups.values()]
    .filter((g) => g.readers >= MIN_SUGGESTION_READERS && [...g.keyword].length <= MAX_KEYWORD_LENGTH)
    .filter((g) => (answersOf.get(g.keyword) ?? 0) <= MAX_KEYWORD_ANSWERS)
    .filter((g) => ![...covered].some((word) => g.keyword.includes(word)) && !input.answerHas(g.question, g.keyword))
    .filter((g) => [...g.from.keys()].some((query) => input.firstResultOf(query) !== g.question))
    .map((g) => ({
      kind: "keyword" as const,
      id: suggestionId("keyword", g.keyword, g.question),
      keyword: g.keyword,
      question: g.question,
      readers: g.readers,
      queries: tally(g.from),
      examples: tally(g.to),
    }))
    .sort(byReaders);
}

/** "A synonym group": readers swapped one word for another, kept the rest, and reached the same answer. */
function synonymSuggestions(input: Mining): SuggestionOf<"synonym">[] {
  type Pair = { words: [string, string]; readers: number; examples: Array<Example & { readers: number }> };
  const pairs = new Map<string, Pair>();
  for (const rewrite of input.rewrites) {
    if (rewrite.to === null) continue;
    const swap = input.swapOf(rewrite.from, rewrite.to);
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
