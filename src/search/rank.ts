import type { Postings, SearchIndex } from "./build-index.js";
import { normalise } from "./normalise.js";
import { analyse, KIND_WEIGHT, type Term } from "./tokenise.js";

/** How much more a document scores when its title holds the whole query phrase as typed. */
const TITLE_PHRASE_BONUS = 0.5;
/** Share of the query (by character weight) a document's terms must cover; below it a hit is a coincidence of characters. */
const MIN_COVERAGE = 0.6;

export interface SearchResult {
  id: string;
  score: number;
  /** The query names an error code this document answers. */
  codeMatch: boolean;
}

export interface SearchResponse {
  total: number;
  results: SearchResult[];
}

export function postingsFor(index: SearchIndex, key: string): Postings {
  return Object.hasOwn(index.postings, key) ? (index.postings[key] ?? []) : [];
}

/** The query's distinct terms, with synonyms of anything it mentions standing in for that part of it. */
export interface QueryTerm extends Term {
  spans: Array<[number, number]>;
}

export function analyseQuery(index: SearchIndex, query: string): { terms: QueryTerm[]; weights: number[] } {
  const known = new Set(index.knownCodes);
  const base = analyse(query, known);
  const terms = [...base.terms];
  const normal = [...normalise(query)];
  const joined = normal.join("");
  for (const group of index.synonyms) {
    for (const member of group) {
      const at = joined.indexOf(member);
      if (at === -1) continue;
      const start = [...joined.slice(0, at)].length;
      const end = start + [...member].length;
      for (const other of group) {
        if (other !== member) for (const term of analyse(other, known).terms) terms.push({ ...term, start, end });
      }
    }
  }
  // One entry per distinct term, remembering every place it covers: a repeated word covers all its copies.
  const seen = new Map<string, QueryTerm>();
  for (const term of terms) {
    const entry = seen.get(term.key);
    if (entry) entry.spans.push([term.start, term.end]);
    else seen.set(term.key, { ...term, spans: [[term.start, term.end]] });
  }
  return { terms: [...seen.values()], weights: base.weights };
}

/** Query characters grouped into at most 32 units, so a document's coverage fits in one bit mask. */
function coverageUnits(weights: number[]): { unitOf: (char: number) => number; unitWeights: number[] } {
  const units = Math.min(32, weights.length);
  const unitOf = (char: number) => Math.min(units - 1, Math.floor((char * units) / weights.length));
  const unitWeights = new Array<number>(units).fill(0);
  weights.forEach((weight, char) => {
    unitWeights[unitOf(char)] = (unitWeights[unitOf(char)] ?? 0) + weight;
  });
  return { unitOf, unitWeights };
}

export function search(index: SearchIndex, query: string, options: { limit?: number } = {}): SearchResponse {
  const limit = options.limit ?? 10;
  const { terms, weights } = analyseQuery(index, query);
  const n = index.ids.length;
  const wanted = weights.reduce((sum, weight) => sum + weight, 0);
  if (terms.length === 0 || n === 0 || wanted === 0) return { total: 0, results: [] };
  const { unitOf, unitWeights } = coverageUnits(weights);

  const scores = new Float64Array(n);
  const covered = new Uint32Array(n);
  const codes = new Set<string>();
  for (const term of terms) {
    const postings = postingsFor(index, term.key);
    const docsWithTerm = postings.length / 2;
    const idf = Math.log(1 + (n - docsWithTerm + 0.5) / (docsWithTerm + 0.5));
    const weight = KIND_WEIGHT[term.kind] * idf;
    if (term.kind === "code") codes.add(term.key.slice(2));
    let mask = 0;
    for (const [start, end] of term.spans) for (let char = start; char < end; char++) mask |= 1 << unitOf(char);
    for (let i = 0; i < postings.length; i += 2) {
      const doc = postings[i] ?? 0;
      scores[doc] = (scores[doc] ?? 0) + weight * (postings[i + 1] ?? 0);
      covered[doc] = (covered[doc] ?? 0) | mask;
    }
  }

  // Phrases of two or more characters, as typed between spaces: "HPアカウントとは" should prefer the
  // title that says exactly that over one that merely shares its words.
  const phrases = normalise(query).split(/\s+/).filter((phrase) => [...phrase].length >= 2);
  const phraseTotal = phrases.reduce((sum, phrase) => sum + phrase.length, 0);

  const results: SearchResult[] = [];
  for (let doc = 0; doc < n; doc++) {
    const codeMatch = codes.size > 0 && (index.codes[doc] ?? []).some((code) => codes.has(code));
    if (!codeMatch) {
      if (scores[doc] === 0) continue;
      let share = 0;
      const mask = covered[doc] ?? 0;
      unitWeights.forEach((weight, unit) => {
        if (mask & (1 << unit)) share += weight;
      });
      if (share < MIN_COVERAGE * wanted) continue;
    }
    let score = scores[doc] ?? 0;
    if (phraseTotal > 0) {
      const title = index.titles[doc] ?? "";
      const inTitle = phrases.reduce((sum, phrase) => sum + (title.includes(phrase) ? phrase.length : 0), 0);
      score *= 1 + (TITLE_PHRASE_BONUS * inTitle) / phraseTotal;
    }
    results.push({ id: index.ids[doc] ?? "", score, codeMatch });
  }
  results.sort((a, b) => Number(b.codeMatch) - Number(a.codeMatch) || b.score - a.score || a.id.localeCompare(b.id));
  return { total: results.length, results: results.slice(0, limit) };
}
