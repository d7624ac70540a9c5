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
  // First pass: term counts per field, and field lengths for BM25's length normalisation.
  const counted = docs.map((doc) =>
    FIELDS.map((field) => {
      const { counts, total } = countTerms(fieldText(doc, field), known);
      return { counts, length: total };
    }),
  );
  const averages = FIELDS.map((_, f) => counted.reduce((sum, fields) => sum + (fields[f]?.length ?? 0), 0) / Math.max(1, docs.length) || 1);

  // Second pass: everything about a (term, document) pair that does not depend on the query, summed now.
  const postings = new Map<string, Postings>();
  counted.forEach((fields, docIndex) => {
    const perDoc = new Map<string, number>();
    fields.forEach(({ counts, length }, f) => {
      const field = FIELDS[f] ?? "body";
      const norm = K1 * (1 - B + (B * length) / (averages[f] ?? 1));
      for (const [key, tf] of counts) perDoc.set(key, (perDoc.get(key) ?? 0) + (FIELD_WEIGHT[field] * tf * (K1 + 1)) / (tf + norm));
    });
    for (const [key, value] of perDoc) {
      let list = postings.get(key);
      if (!list) postings.set(key, (list = []));
      list.push(docIndex, Math.round(value * 1000) / 1000);
    }
  });
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
