import type { Posting, SearchIndex } from "./build-index.js";
import { normalise } from "./normalise.js";
import { analyse, KIND_WEIGHT, type Analysis, type Term } from "./tokenise.js";

/** Title and editor keywords say what a question is about; the answer only mentions things. */
const FIELD_WEIGHT = [2.5, 2, 0.5, 1]; // title, keywords, category, body
const K1 = 1.2;
/** How much more a document scores when its title holds the whole query phrase as typed. */
const TITLE_PHRASE_BONUS = 0.5;
const B = 0.75;
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

export function postingsFor(index: SearchIndex, key: string): Posting[] {
  return Object.hasOwn(index.postings, key) ? (index.postings[key] ?? []) : [];
}

/** The query's distinct terms, with synonyms of anything it mentions standing in for that part of it. */
export function analyseQuery(index: SearchIndex, query: string): Analysis {
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
  const seen = new Map<string, Term>();
  for (const term of terms) if (!seen.has(term.key)) seen.set(term.key, term);
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
    let docsWithTerm = 0;
    for (let i = 0; i < postings.length; i++) if (i === 0 || postings[i]?.[0] !== postings[i - 1]?.[0]) docsWithTerm++;
    const idf = Math.log(1 + (n - docsWithTerm + 0.5) / (docsWithTerm + 0.5));
    const weight = KIND_WEIGHT[term.kind] * idf;
    if (term.kind === "code") codes.add(term.key.slice(2));
    let mask = 0;
    for (let char = term.start; char < term.end; char++) mask |= 1 << unitOf(char);
    for (const [doc, field, tf] of postings) {
      const average = index.averageLengths[field] || 1;
      const length = index.lengths[doc]?.[field] ?? 0;
      const saturation = (tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * length) / average));
      scores[doc] = (scores[doc] ?? 0) + weight * (FIELD_WEIGHT[field] ?? 1) * saturation;
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
