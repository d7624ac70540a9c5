import { normalise } from "./normalise.js";
import { analyse, eachTermKey, type Term } from "./tokenise.js";
import { buildVocabulary, type Vocabulary } from "./vocabulary.js";

/** What the engine needs of a question; it knows nothing of files, Markdown or HTTP. */
export interface SearchDocument {
  id: string;
  title: string;
  keywords: string[];
  codes: string[];
  /** Title of the document's category. */
  category: string;
  /** The answer's opening sentence, where it says what it is about (an error code's cause); also in `body`. */
  lead?: string;
  /** Plain text of the answer. */
  body: string;
}

export const FIELDS = ["title", "keywords", "lead", "category", "body"] as const;
export type Field = (typeof FIELDS)[number];

/**
 * Title and editor keywords say what a question is about, and so does the answer's opening sentence (an
 * error code's title names only the code; its lead names the cause readers describe); the rest of the answer
 * only mentions things.
 */
const FIELD_WEIGHT: Record<Field, number> = { title: 2.5, keywords: 2, lead: 2, category: 0.5, body: 1 };
const LEAD = FIELDS.indexOf("lead");
const LEAD_RARITY_POWER = 3;
const K1 = 1.2;
const B = 0.75;

/**
 * The index as searched. Postings live in two flat typed arrays, term after term: a 10,000-entry index
 * holds over a million (term, document) pairs, which as JS arrays of numbers cost three times the memory.
 * See serialise-index.ts for the JSON form the static export ships.
 */
export interface SearchIndex {
  ids: string[];
  /** Canonical codes each document answers (its `codes` field). */
  codes: string[][];
  knownCodes: ReadonlySet<string>;
  /** Term key → term number t; its postings are docs/parts[offsets[t] … offsets[t + 1]). */
  termIds: ReadonlyMap<string, number>;
  offsets: Uint32Array;
  /** Document index of each posting. */
  docs: Uint32Array;
  /** The query-independent BM25 part of each posting, summed over fields with their weights. */
  parts: Float32Array;
  /** Normalised titles without spaces, to reward a query phrase that occurs in a title as written. */
  titles: string[];
  synonyms: SynonymGroup[];
  /** The content's words, for suggest() when a query finds nothing. */
  vocabulary: Vocabulary;
}

/** Words that mean the same; each member's terms analysed once, not per query. */
export interface SynonymGroup {
  /** Normalised. */
  members: string[];
  /** The terms of each member, aligned with `members`. */
  terms: Term[][];
}

export function synonymGroups(groups: readonly string[][], knownCodes: ReadonlySet<string>): SynonymGroup[] {
  return groups.map((group) => {
    const members = group.map(normalise);
    return { members, terms: members.map((member) => analyse(member, knownCodes).terms) };
  });
}

function fieldText(doc: SearchDocument, field: Field): string {
  if (field === "keywords") return doc.keywords.join("\n");
  if (field === "category") return doc.category;
  if (field === "lead") return doc.lead ?? "";
  return doc[field];
}

/** (term, document × field, count) triples in document order, in one growing typed array. */
class TripleLog {
  data = new Uint32Array(3 * 4096);
  length = 0;
  push(term: number, docField: number, count: number): void {
    if (this.length + 3 > this.data.length) {
      const grown = new Uint32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = term;
    this.data[this.length++] = docField;
    this.data[this.length++] = count;
  }
}

export function buildSearchIndex(
  docs: readonly SearchDocument[],
  options: { synonyms?: string[][] } = {},
): SearchIndex {
  const known = new Set(docs.flatMap((doc) => doc.codes.map((code) => code.toUpperCase())));
  const F = FIELDS.length;
  // One tokenising pass, counting straight into term numbers: a field's counts live in one reused array.
  const termIds = new Map<string, number>();
  const log = new TripleLog();
  const lengths = new Float64Array(docs.length * F);
  let counts = new Uint32Array(1024);
  const seen: number[] = [];
  const count = (key: string) => {
    let t = termIds.get(key);
    if (t === undefined) {
      termIds.set(key, (t = termIds.size));
      if (t >= counts.length) {
        const grown = new Uint32Array(counts.length * 2);
        grown.set(counts);
        counts = grown;
      }
    }
    if (counts[t] === 0) seen.push(t);
    counts[t] = (counts[t] ?? 0) + 1;
  };
  for (let d = 0; d < docs.length; d++) {
    const doc = docs[d] as SearchDocument;
    for (let f = 0; f < F; f++) {
      lengths[d * F + f] = eachTermKey(fieldText(doc, FIELDS[f] ?? "body"), known, count);
      for (const t of seen) {
        log.push(t, d * F + f, counts[t] ?? 0);
        counts[t] = 0;
      }
      seen.length = 0;
    }
  }
  const averages = FIELDS.map((_, f) => {
    let sum = 0;
    for (let d = 0; d < docs.length; d++) sum += lengths[d * F + f] ?? 0;
    return sum / Math.max(1, docs.length) || 1;
  });

  // Count each term's documents, then lay the postings out term after term (a counting sort).
  const { data, length } = log;
  const terms = termIds.size;
  const lastDoc = new Int32Array(terms).fill(-1);
  const offsets = new Uint32Array(terms + 1);
  for (let i = 0; i < length; i += 3) {
    const t = data[i] ?? 0;
    const d = Math.floor((data[i + 1] ?? 0) / F);
    if (lastDoc[t] !== d) {
      lastDoc[t] = d;
      offsets[t + 1] = (offsets[t + 1] ?? 0) + 1;
    }
  }
  for (let t = 0; t < terms; t++) offsets[t + 1] = (offsets[t + 1] ?? 0) + (offsets[t] ?? 0);
  const postingDocs = new Uint32Array(offsets[terms] ?? 0);
  const parts = new Float32Array(postingDocs.length);
  const next = offsets.slice(0, terms);
  lastDoc.fill(-1);
  for (let i = 0; i < length; i += 3) {
    const t = data[i] ?? 0;
    const docField = data[i + 1] ?? 0;
    const tf = data[i + 2] ?? 0;
    const d = Math.floor(docField / F);
    const f = docField % F;
    const norm = K1 * (1 - B + (B * (lengths[docField] ?? 0)) / (averages[f] ?? 1));
    let part = (FIELD_WEIGHT[FIELDS[f] ?? "body"] * tf * (K1 + 1)) / (tf + norm);
    // A lead's word tells its answer apart only as far as other answers lack it: ログイン opens many answers.
    if (f === LEAD) part *= (1 - ((offsets[t + 1] ?? 0) - (offsets[t] ?? 0)) / docs.length) ** LEAD_RARITY_POWER;
    // The log is in document order, so a term's fields of one document arrive together.
    if (lastDoc[t] === d) {
      const at = (next[t] ?? 1) - 1;
      parts[at] = (parts[at] ?? 0) + part;
    } else {
      lastDoc[t] = d;
      const at = next[t] ?? 0;
      postingDocs[at] = d;
      parts[at] = part;
      next[t] = at + 1;
    }
  }
  // Three decimals are plenty for ranking, and make the exported JSON short and exact to reload.
  for (let i = 0; i < parts.length; i++) parts[i] = Math.round((parts[i] ?? 0) * 1000) / 1000;

  return {
    ids: docs.map((doc) => doc.id),
    codes: docs.map((doc) => doc.codes.map((code) => code.toUpperCase())),
    titles: docs.map((doc) => normalise(doc.title).replace(/\s+/g, "")),
    knownCodes: known,
    termIds,
    offsets,
    docs: postingDocs,
    parts,
    synonyms: synonymGroups(options.synonyms ?? [], known),
    vocabulary: buildVocabulary(docs.map((doc) => FIELDS.map((field) => fieldText(doc, field)))),
  };
}
