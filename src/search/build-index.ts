import { normalise } from "./normalise.js";
import { countTerms } from "./tokenise.js";

/** What the engine needs of a question; it knows nothing of files, Markdown or HTTP. */
export interface SearchDocument {
  id: string;
  title: string;
  keywords: string[];
  codes: string[];
  /** Title of the document's category. */
  category: string;
  /** Plain text of the answer. */
  body: string;
}

export const FIELDS = ["title", "keywords", "category", "body"] as const;
export type Field = (typeof FIELDS)[number];

/**
 * Flat pairs: document index, then the BM25 term-frequency part summed over fields with their weights,
 * for each document holding the term. One array per term, not one per pair: a 10,000-entry index would
 * otherwise be millions of tiny arrays.
 */
export type Postings = number[];

/** Title and editor keywords say what a question is about; the answer only mentions things. */
const FIELD_WEIGHT: Record<Field, number> = { title: 2.5, keywords: 2, category: 0.5, body: 1 };
const K1 = 1.2;
const B = 0.75;

/** Plain data only, so the same index can be serialised to JSON and searched in a browser. */
export interface SearchIndex {
  ids: string[];
  /** Canonical codes each document answers (its `codes` field). */
  codes: string[][];
  knownCodes: string[];
  postings: Record<string, Postings>;
  /** Normalised titles without spaces, to reward a query phrase that occurs in a title as written. */
  titles: string[];
  /** Normalised synonym groups. */
  synonyms: string[][];
}

function fieldText(doc: SearchDocument, field: Field): string {
  if (field === "keywords") return doc.keywords.join("\n");
  if (field === "category") return doc.category;
  return doc[field];
}

export function buildSearchIndex(docs: readonly SearchDocument[], options: { synonyms?: string[][] } = {}): SearchIndex {
  const known = new Set(docs.flatMap((doc) => doc.codes.map((code) => code.toUpperCase())));
  // One pass: raw (document, field, count) triples per term, and field lengths. Each field's count map
  // dies young; keeping them all for a second pass made a 10,000-entry build hold hundreds of MB.
  const raw = new Map<string, number[]>();
  const lengths = new Float64Array(docs.length * FIELDS.length);
  docs.forEach((doc, d) => {
    FIELDS.forEach((field, f) => {
      const { counts, total } = countTerms(fieldText(doc, field), known);
      lengths[d * FIELDS.length + f] = total;
      for (const [key, tf] of counts) {
        let list = raw.get(key);
        if (!list) raw.set(key, (list = []));
        list.push(d, f, tf);
      }
    });
  });
  const averages = FIELDS.map((_, f) => {
    let sum = 0;
    for (let d = 0; d < docs.length; d++) sum += lengths[d * FIELDS.length + f] ?? 0;
    return sum / Math.max(1, docs.length) || 1;
  });

  // Then everything about a (term, document) pair that does not depend on the query, summed over fields.
  const postings = new Map<string, Postings>();
  for (const [key, triples] of raw) {
    const list: Postings = [];
    for (let i = 0; i < triples.length; i += 3) {
      const d = triples[i] ?? 0;
      const f = triples[i + 1] ?? 0;
      const tf = triples[i + 2] ?? 0;
      const norm = K1 * (1 - B + (B * (lengths[d * FIELDS.length + f] ?? 0)) / (averages[f] ?? 1));
      const part = (FIELD_WEIGHT[FIELDS[f] ?? "body"] * tf * (K1 + 1)) / (tf + norm);
      // Triples come in document order, so a document's fields are adjacent.
      if (list.length > 0 && list[list.length - 2] === d) list[list.length - 1] = (list[list.length - 1] ?? 0) + part;
      else list.push(d, part);
    }
    for (let i = 1; i < list.length; i += 2) list[i] = Math.round((list[i] ?? 0) * 1000) / 1000;
    postings.set(key, list);
  }
  // An object without a prototype: a term like "__proto__" or "constructor" is just a key.
  const record: Record<string, Postings> = Object.create(null);
  for (const [key, list] of postings) record[key] = list;
  return {
    ids: docs.map((doc) => doc.id),
    codes: docs.map((doc) => doc.codes.map((code) => code.toUpperCase())),
    titles: docs.map((doc) => normalise(doc.title).replace(/\s+/g, "")),
    knownCodes: [...known],
    postings: record,
    synonyms: (options.synonyms ?? []).map((group) => group.map(normalise)),
  };
}
