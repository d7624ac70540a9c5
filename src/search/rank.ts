import type { SearchIndex } from "./build-index.js";
import { writtenForm } from "./colloquial.js";
import { cutTail, isConfident, MIN_SCORE_SHARE, type Candidate } from "./cut.js";
import { otherPolarity } from "./negation.js";
import { analyse, KIND_WEIGHT, type Term, type TermKind } from "./tokenise.js";
import { frameSpans } from "./question-frame.js";
import { type KnownWords, MIN_WORD_PART, unknownWords } from "./unknown-word.js";
import { VOCABULARY_LIMIT } from "./vocabulary.js";

/** How much more a document scores when its title holds the whole query phrase as typed. */
const TITLE_PHRASE_BONUS = 0.5;
/** Share of the query (by character weight) a document's terms must cover; below it a hit is a coincidence of characters. */
const MIN_COVERAGE = 0.6;
/** What a query word every answer has still counts towards the coverage an answer needs. */
const COMMON_WORD_SHARE = 0.3;

export interface SearchResult {
  id: string;
  score: number;
  /** The query names an error code this document answers. */
  codeMatch: boolean;
}

export interface SearchResponse {
  /** How many answers are worth showing: the list after the cut (cut.ts), before `limit`. */
  total: number;
  results: SearchResult[];
  /** The first result clearly wins: a page may present it as the answer (cut.ts, isConfident). */
  confident: boolean;
}

/** One of the query's distinct terms, with every span of the query it covers. */
export interface QueryTerm {
  key: string;
  kind: TermKind;
  surface: string;
  /** Flat [start, end) character pairs: a repeated word covers all its copies. */
  spans: number[];
  /** Counts towards coverage but adds nothing to the score: the other polarity of a query pair (negation.ts). */
  coverOnly: boolean;
}

export interface AnalysedQuery {
  /** The query normalised (NFKC, lower case, kana folded), colloquial particles written out (colloquial.ts). */
  normal: string;
  terms: QueryTerm[];
  /** Per character of the query: how much it counts towards coverage. */
  weights: number[];
  /** A specific word of the query that no answer uses (unknown-word.ts): the query then finds nothing. */
  unknown: string | undefined;
}

export function analyseQuery(index: SearchIndex, query: string): AnalysedQuery {
  const base = analyse(writtenForm(query), index.knownCodes);
  const { normal } = base;
  const seen = new Map<string, QueryTerm>();
  const add = (term: Term, start: number, end: number, key = term.key, coverOnly = false) => {
    const entry = seen.get(key);
    if (entry) {
      entry.spans.push(start, end);
      if (!coverOnly) entry.coverOnly = false;
    }
    // Field by field, not `{ ...term }`: V8's spread path made analysing a query three times slower.
    else seen.set(key, { key, kind: term.kind, surface: term.surface, spans: [start, end], coverOnly });
  };
  for (const term of base.terms) add(term, term.start, term.end);
  // Each pair's other polarity covers the same characters but scores nothing (negation.ts), unless the
  // query says that form itself, in which case it scores as typed.
  for (const term of base.terms) {
    const other = otherPolarity(term.key, term.kind, term.surface);
    if (other !== undefined && seen.get(other)?.coverOnly !== false) add(term, term.start, term.end, other, true);
  }
  const synonymSpans = addSynonyms(index, normal, add);
  // A word of a synonym group is known through the group (メアド: the content says メールアドレス).
  const linked = new Set(
    base.terms.filter((t) => synonymSpans.some(([start, end]) => t.start >= start && t.end <= end)).map((t) => t.key),
  );
  const frames = frameSpans(normal);
  const inFrame = (t: Term) => frames.some(([start, end]) => t.start < end && t.end > start);
  const unknown = unknownWords(
    base.terms.filter((t) => !inFrame(t)),
    normal,
    (key) => linked.has(key) || index.termIds.has(key),
    wordsOf(index),
  );
  // A word that only says where (スマホで), or the frame of the question (…の方法, …と言われた), need not be
  // covered: the rest of the query is what is asked.
  const weights = [...base.weights];
  for (const [start, end] of [...unknown.circumstances, ...frames]) weights.fill(0, start, end);
  return { normal, terms: [...seen.values()], weights, unknown: unknown.subject };
}

/**
 * A synonym of anything the query mentions stands in for that part of it: each other member's terms are
 * added over the span of the member the query has, and those spans returned. Not a kanji compound the content
 * never writes whole (its stem is not indexed): its single kanji (証 and 号 of 暗証番号) mean other words, and
 * would only add noise to the ranking.
 */
function addSynonyms(
  index: SearchIndex,
  normal: string,
  add: (term: Term, start: number, end: number) => void,
): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  for (const { members, terms } of index.synonyms) {
    members.forEach((member, m) => {
      const at = normal.indexOf(member);
      if (at === -1) return;
      const start = [...normal.slice(0, at)].length;
      const end = start + [...member].length;
      spans.push([start, end]);
      terms.forEach((memberTerms, other) => {
        if (other === m || memberTerms.some((term) => term.kind === "stem" && !index.termIds.has(term.key))) return;
        for (const term of memberTerms) add(term, start, end);
      });
    });
  }
  return spans;
}

const knownWords = new WeakMap<SearchIndex, KnownWords>();

/**
 * The content's katakana and Latin words (and the synonyms its words stand for), with their beginnings and
 * ends of three or more characters (a word typed so far, or cut where a title fragment starts), built once per
 * index: about 2 × (length − 2) strings a word, some tens of thousands at the vocabulary's limit.
 */
function wordsOf(index: SearchIndex): KnownWords {
  let known = knownWords.get(index);
  if (known) return known;
  const parts = new Set<string>();
  for (const word of [...index.vocabulary.words, ...index.synonyms.flatMap((group) => group.members)]) {
    const chars = [...word];
    for (let length = MIN_WORD_PART; length <= chars.length; length++) {
      parts.add(chars.slice(0, length).join(""));
      parts.add(chars.slice(chars.length - length).join(""));
    }
  }
  // An empty vocabulary (an index exported before there was one) says nothing either.
  const whole = index.vocabulary.words.length > 0 && index.vocabulary.words.length < VOCABULARY_LIMIT;
  known = { isPart: (word) => parts.has(word), whole };
  knownWords.set(index, known);
  return known;
}

function idfOf(docsWithTerm: number, n: number): number {
  return Math.log(1 + (n - docsWithTerm + 0.5) / (docsWithTerm + 0.5));
}

/** Query characters grouped into at most 32 units, so a document's coverage fits in one bit mask. */
function coverageUnits(length: number): { unitOf: Uint8Array; units: number } {
  const units = Math.min(32, length);
  const unitOf = new Uint8Array(length);
  for (let char = 0; char < length; char++) unitOf[char] = Math.min(units - 1, Math.floor((char * units) / length));
  return { unitOf, units };
}

/** Each unit's characters' weights summed, each times `share(char)`. */
function unitSums(
  weights: readonly number[],
  unitOf: Uint8Array,
  units: number,
  share: (char: number) => number,
): Float64Array {
  const sums = new Float64Array(units);
  for (let char = 0; char < weights.length; char++) {
    const unit = unitOf[char] ?? 0;
    sums[unit] = (sums[unit] ?? 0) + (weights[char] ?? 0) * share(char);
  }
  return sums;
}

export interface SearchOptions {
  limit?: number;
  /**
   * Every term makes every answer it occurs in a candidate, as a full scan does, even a word most answers share
   * whose answers could not pass on it alone (wordsThatCannotPassAlone): the reference the tests hold that bound
   * to. Slower at scale; the same results.
   */
  everyAnswer?: boolean;
}

export function search(index: SearchIndex, query: string | AnalysedQuery, options: SearchOptions = {}): SearchResponse {
  const limit = options.limit ?? 10;
  const { normal, terms, weights, unknown } = typeof query === "string" ? analyseQuery(index, query) : query;
  const n = index.ids.length;
  const wanted = weights.reduce((sum, weight) => sum + weight, 0);
  if (terms.length === 0 || n === 0 || wanted === 0) return { total: 0, results: [], confident: false };
  // A word no answer uses, beside words many do: nothing matches what the reader asked, unless an error code does.
  if (unknown !== undefined && !terms.some((term) => term.kind === "code"))
    return { total: 0, results: [], confident: false };
  const { unitOf, units } = coverageUnits(weights.length);

  const work = workspaceOf(index);
  try {
    return rankTouched(index, work, { normal, terms, weights, unitOf, units, everyAnswer: options.everyAnswer }, limit);
  } finally {
    work.clear();
  }
}

/**
 * Per-answer sums for one query, kept per index and cleared after each search: a query scores the answers its
 * terms occur in, and allocating arrays for all of a 10,000-entry index per query (200 KB of memory outside
 * the heap) made the garbage collector run a full collection every few hundred searches.
 */
class Workspace {
  readonly scores: Float64Array;
  readonly covered: Uint32Array;
  private readonly seen: Uint8Array;
  /** The answers the query's terms (or its error codes) occur in, in the order first met. */
  readonly touched: Uint32Array;
  count = 0;
  /** By position in `touched`: 0 out, 1 covers enough of the query, 2 answers an error code it names. */
  readonly passes: Uint8Array;
  /** By position in `touched`: the share of the query's rarity the answer covers. */
  readonly rarities: Float64Array;

  constructor(n: number) {
    this.scores = new Float64Array(n);
    this.covered = new Uint32Array(n);
    this.seen = new Uint8Array(n);
    this.touched = new Uint32Array(n);
    this.passes = new Uint8Array(n);
    this.rarities = new Float64Array(n);
  }

  has(doc: number): boolean {
    return this.seen[doc] === 1;
  }

  touch(doc: number): void {
    if (this.seen[doc] === 1) return;
    this.seen[doc] = 1;
    this.touched[this.count++] = doc;
  }

  /** Adds one occurrence of a term to an answer: its score, and the query units the term covers. */
  add(doc: number, score: number, mask: number): void {
    this.scores[doc] = (this.scores[doc] ?? 0) + score;
    this.covered[doc] = (this.covered[doc] ?? 0) | mask;
  }

  /** Puts the touched answers in index order (in place), as a scan of every answer would meet them. */
  inOrder(): Uint32Array {
    return this.touched.subarray(0, this.count).sort();
  }

  clear(): void {
    for (let i = 0; i < this.count; i++) {
      const doc = this.touched[i] ?? 0;
      this.scores[doc] = 0;
      this.covered[doc] = 0;
      this.seen[doc] = 0;
    }
    this.count = 0;
  }
}

const workspaces = new WeakMap<SearchIndex, Workspace>();

function workspaceOf(index: SearchIndex): Workspace {
  let work = workspaces.get(index);
  if (!work) workspaces.set(index, (work = new Workspace(index.ids.length)));
  return work;
}

interface Ranking {
  normal: string;
  terms: QueryTerm[];
  weights: number[];
  unitOf: Uint8Array;
  units: number;
  everyAnswer?: boolean;
}

/** The query's indexed terms, and per character of the query the rarest term covering it. */
interface QueryPostings {
  lists: Postings[];
  codes: Set<string>;
  charRarity: Float64Array;
  charIndexed: Uint8Array;
}

/** What covering each unit of the query is worth: towards passing (`needed`) and towards rarity coverage. */
interface Shares {
  needed: Float64Array;
  neededTotal: number;
  unitRarities: Float64Array;
  rarityTotal: number;
}

function rankTouched(index: SearchIndex, work: Workspace, ranking: Ranking, limit: number): SearchResponse {
  const postings = postingsOf(index, ranking);
  const shares = sharesOf(ranking, postings);
  // The terms that find answers come first; a word most answers share then only adds to the answers they found,
  // when an answer with nothing but such words could not cover enough of the query to pass.
  const onlyAdding = ranking.everyAnswer
    ? new Set<Postings>()
    : wordsThatCannotPassAlone(postings.lists, shares.needed, MIN_COVERAGE * shares.neededTotal);
  gatherAnswers(index, work, postings, onlyAdding);
  const { anyCode, bestRaw, bestRarity } = markPassing(index, work, postings.codes, shares);
  // Without an error-code answer the lead scores at least bestRaw, so the cut drops every answer below
  // MIN_SCORE_SHARE of it, and none that low can make the lead less than clearly best (CONFIDENT_RATIO).
  // The title bonus at most multiplies a score by 1 + TITLE_PHRASE_BONUS: below this, an answer is out
  // whatever its title, and is never made into a candidate.
  // A hair under the bound, so rounding can never leave out an answer exactly on it.
  const floor = anyCode ? 0 : ((MIN_SCORE_SHARE * bestRaw) / (1 + TITLE_PHRASE_BONUS)) * (1 - 1e-9);
  const candidates = candidatesOf(index, work, ranking.normal, floor);
  // Cut, then rank only the first `limit`: in a large corpus thousands of candidates can survive the cut,
  // and sorting them all was most of a query's time.
  const shown = cutTail(candidates, bestRarity);
  return {
    total: shown.length,
    results: firstRanked(shown, limit).map(({ id, score, codeMatch }) => ({ id, score, codeMatch })),
    confident: isConfident(candidates),
  };
}

function postingsOf(index: SearchIndex, { terms, weights, unitOf }: Ranking): QueryPostings {
  const n = index.ids.length;
  const charRarity = new Float64Array(weights.length);
  const charIndexed = new Uint8Array(weights.length);
  const codes = new Set<string>();
  const lists: Postings[] = [];
  for (const term of terms) {
    if (term.kind === "code") codes.add(term.key.slice(2));
    const t = index.termIds.get(term.key);
    if (t === undefined) continue;
    const from = index.offsets[t] ?? 0;
    const to = index.offsets[t + 1] ?? 0;
    const weight = term.coverOnly ? 0 : KIND_WEIGHT[term.kind] * idfOf(to - from, n);
    // The share of answers the term rules out: nothing for a word every answer has.
    const rarity = 1 - (to - from) / n;
    let mask = 0;
    for (let s = 0; s < term.spans.length; s += 2) {
      for (let char = term.spans[s] ?? 0; char < (term.spans[s + 1] ?? 0); char++) {
        mask |= 1 << (unitOf[char] ?? 0);
        charRarity[char] = Math.max(charRarity[char] ?? 0, rarity);
        charIndexed[char] = 1;
      }
    }
    lists.push({ from, to, weight, mask });
  }
  return { lists, codes, charRarity, charIndexed };
}

function sharesOf({ weights, unitOf, units }: Ranking, { charRarity, charIndexed }: QueryPostings): Shares {
  // Each character's weight times its rarity: the share of answers that the rarest indexed term covering it
  // rules out. What cut.ts compares, so that covering the part of a query every answer has counts for
  // nothing, and the rest counts about evenly.
  const unitRarities = unitSums(weights, unitOf, units, (char) => charRarity[char] ?? 0);
  // What an answer must cover: a word most answers have (アカウント) says little about which answer is meant,
  // and counts COMMON_WORD_SHARE of itself; a word no answer has counts in full, so a query that is mostly
  // unknown still finds nothing.
  const needed = unitSums(weights, unitOf, units, (char) =>
    charIndexed[char] ? COMMON_WORD_SHARE + (1 - COMMON_WORD_SHARE) * (charRarity[char] ?? 0) : 1,
  );
  return {
    needed,
    neededTotal: needed.reduce((sum, unit) => sum + unit, 0),
    unitRarities,
    rarityTotal: unitRarities.reduce((sum, unit) => sum + unit, 0) || 1,
  };
}

/**
 * Sums each answer's score and coverage, for the answers the query's terms (or its error codes) find; the terms
 * in `onlyAdding` add to those answers and find none of their own.
 */
function gatherAnswers(
  index: SearchIndex,
  work: Workspace,
  { lists, codes }: QueryPostings,
  onlyAdding: ReadonlySet<Postings>,
): void {
  for (const list of lists) if (!onlyAdding.has(list)) scoreEvery(index, work, list);
  // An answer to an error code the query names is a candidate whatever its words.
  if (codes.size > 0) {
    index.codes.forEach((own, doc) => {
      if (own.some((code) => codes.has(code))) work.touch(doc);
    });
  }
  for (const list of onlyAdding) scoreFound(index, work, list);
}

/**
 * Which answers cover enough of the query (work.passes), their coverage (work.rarities), the best raw score
 * and the best coverage; allocating nothing. Most answers of a large corpus that pass are passing mentions.
 */
function markPassing(
  index: SearchIndex,
  work: Workspace,
  codes: ReadonlySet<string>,
  { needed, neededTotal, unitRarities, rarityTotal }: Shares,
): { anyCode: boolean; bestRaw: number; bestRarity: number } {
  const touched = work.inOrder();
  const { passes, rarities, scores, covered } = work;
  let anyCode = false;
  let bestRaw = 0;
  let bestRarity = 0;
  for (let at = 0; at < touched.length; at++) {
    const doc = touched[at] ?? 0;
    passes[at] = 0;
    const codeMatch = codes.size > 0 && (index.codes[doc] ?? []).some((code) => codes.has(code));
    if (!codeMatch && scores[doc] === 0) continue;
    let share = 0;
    let rarity = 0;
    // Only the units this answer covers: the set bits of its mask.
    for (let mask = covered[doc] ?? 0; mask !== 0; mask &= mask - 1) {
      const unit = 31 - Math.clz32(mask & -mask);
      share += needed[unit] ?? 0;
      rarity += unitRarities[unit] ?? 0;
    }
    if (!codeMatch && share < MIN_COVERAGE * neededTotal) continue;
    passes[at] = codeMatch ? 2 : 1;
    anyCode ||= codeMatch;
    rarities[at] = rarity / rarityTotal;
    bestRaw = Math.max(bestRaw, scores[doc] ?? 0);
    bestRarity = Math.max(bestRarity, rarities[at] ?? 0);
  }
  return { anyCode, bestRaw, bestRarity };
}

/**
 * The passing answers scoring at least `floor`, each with its title bonus; after markPassing, which fills
 * work.passes and work.rarities by position in work.touched (put in index order).
 */
function candidatesOf(
  index: SearchIndex,
  work: Workspace,
  normal: string,
  floor: number,
): Array<SearchResult & Candidate> {
  // Phrases of two or more characters, as typed between spaces: "HPアカウントとは" should prefer the
  // title that says exactly that over one that merely shares its words.
  const phrases = normal.split(/\s+/).filter((phrase) => [...phrase].length >= 2);
  const phraseTotal = phrases.reduce((sum, phrase) => sum + phrase.length, 0);
  const { passes, rarities, scores, touched, count } = work;
  const candidates: Array<SearchResult & Candidate> = [];
  for (let at = 0; at < count; at++) {
    const doc = touched[at] ?? 0;
    const pass = passes[at] ?? 0;
    if (pass === 0 || (pass === 1 && (scores[doc] ?? 0) < floor)) continue;
    let score = scores[doc] ?? 0;
    if (phraseTotal > 0) {
      const title = index.titles[doc] ?? "";
      let inTitle = 0;
      for (const phrase of phrases) if (title.includes(phrase)) inTitle += phrase.length;
      score *= 1 + (TITLE_PHRASE_BONUS * inTitle) / phraseTotal;
    }
    candidates.push({ id: index.ids[doc] ?? "", score, codeMatch: pass === 2, rarity: rarities[at] ?? 0 });
  }
  return candidates;
}

/** One query term's postings, what each occurrence is worth, and the query units it covers. */
export interface Postings {
  from: number;
  to: number;
  weight: number;
  mask: number;
}

/**
 * The commonest terms that, all together, cover less of what the query needs than an answer must cover: an
 * answer with only these words fails the coverage test whatever its score, so they need not make anyone a
 * candidate. In a 10,000-entry FAQ a fragment of a title plus ログイン made every answer a candidate.
 */
export function wordsThatCannotPassAlone(
  lists: readonly Postings[],
  needed: Float64Array,
  pass: number,
): Set<Postings> {
  const adding = new Set<Postings>();
  let mask = 0;
  for (const list of [...lists].sort((a, b) => b.to - b.from - (a.to - a.from))) {
    const wider = mask | list.mask;
    let share = 0;
    for (let bits = wider; bits !== 0; bits &= bits - 1) share += needed[31 - Math.clz32(bits & -bits)] ?? 0;
    // A hair under the bound: an answer exactly on it passes, so these words must stay below it for certain.
    if (share >= pass * (1 - 1e-9)) break;
    mask = wider;
    adding.add(list);
  }
  // Every term among them: nothing finds an answer then, and the query is scored as before.
  if (adding.size === lists.length) adding.clear();
  return adding;
}

/** Adds a term to every answer it occurs in. */
function scoreEvery(index: SearchIndex, work: Workspace, { from, to, weight, mask }: Postings): void {
  for (let i = from; i < to; i++) {
    const doc = index.docs[i] ?? 0;
    work.touch(doc);
    work.add(doc, weight * (index.parts[i] ?? 0), mask);
  }
}

/**
 * Adds a term to the answers found already. Few of them and a long list: each is looked up in the list (its
 * answers are in index order); else the list is read through.
 */
function scoreFound(index: SearchIndex, work: Workspace, { from, to, weight, mask }: Postings): void {
  const { touched, count } = work;
  if (count * Math.log2(to - from + 1) < to - from) {
    for (let k = 0; k < count; k++) {
      const doc = touched[k] ?? 0;
      const i = positionOf(index.docs, from, to, doc);
      if (i !== -1) work.add(doc, weight * (index.parts[i] ?? 0), mask);
    }
    return;
  }
  for (let i = from; i < to; i++) {
    const doc = index.docs[i] ?? 0;
    if (work.has(doc)) work.add(doc, weight * (index.parts[i] ?? 0), mask);
  }
}

/** Where `doc` is in the sorted postings docs[from … to), or −1. */
function positionOf(docs: Uint32Array, from: number, to: number, doc: number): number {
  let low = from;
  let high = to - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const at = docs[mid] ?? 0;
    if (at === doc) return mid;
    if (at < doc) low = mid + 1;
    else high = mid - 1;
  }
  return -1;
}

/** Error-code answers first, then by score; ties by id in code-unit order (ids are ASCII slugs). */
function ranksBefore(a: SearchResult, b: SearchResult): number {
  return Number(b.codeMatch) - Number(a.codeMatch) || b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * The first `k` of `items` in rank order, as sorting them all and taking k would give (the order is total:
 * ids are unique), in one pass that keeps a sorted list of k.
 */
export function firstRanked<T extends SearchResult>(items: readonly T[], k: number): T[] {
  const top: T[] = [];
  if (k <= 0) return top;
  for (const item of items) {
    const last = top[top.length - 1];
    if (top.length === k && last !== undefined && ranksBefore(item, last) >= 0) continue;
    if (top.length === k) top.pop();
    let at = top.length;
    top.push(item);
    while (at > 0 && ranksBefore(item, top[at - 1] as T) < 0) {
      top[at] = top[at - 1] as T;
      at--;
    }
    top[at] = item;
  }
  return top;
}
