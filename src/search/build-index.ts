import { normalise } from "./normalise.js";
import { tokenise } from "./tokenise.js";

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

/** [document index, field index, term frequency] */
export type Posting = [number, number, number];

/** Plain data only, so the same index can be serialised to JSON and searched in a browser. */
export interface SearchIndex {
  ids: string[];
  /** Canonical codes each document answers (its `codes` field). */
  codes: string[][];
  knownCodes: string[];
  /** Per document, per field: number of terms. */
  lengths: number[][];
  averageLengths: number[];
  postings: Record<string, Posting[]>;
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
  const postings = new Map<string, Posting[]>();
  const lengths: number[][] = [];
  const totals = FIELDS.map(() => 0);
  docs.forEach((doc, docIndex) => {
    const docLengths: number[] = [];
    FIELDS.forEach((field, fieldIndex) => {
      const counts = new Map<string, number>();
      const terms = tokenise(fieldText(doc, field), known);
      for (const term of terms) counts.set(term.key, (counts.get(term.key) ?? 0) + 1);
      for (const [key, tf] of counts) {
        let list = postings.get(key);
        if (!list) postings.set(key, (list = []));
        list.push([docIndex, fieldIndex, tf]);
      }
      docLengths.push(terms.length);
      totals[fieldIndex] = (totals[fieldIndex] ?? 0) + terms.length;
    });
    lengths.push(docLengths);
  });
  // An object without a prototype: a term like "__proto__" or "constructor" is just a key.
  const record: Record<string, Posting[]> = Object.create(null);
  for (const [key, list] of postings) record[key] = list;
  return {
    ids: docs.map((doc) => doc.id),
    codes: docs.map((doc) => doc.codes.map((code) => code.toUpperCase())),
    titles: docs.map((doc) => normalise(doc.title).replace(/\s+/g, "")),
    knownCodes: [...known],
    lengths,
    averageLengths: totals.map((total) => (docs.length ? total / docs.length : 0)),
    postings: record,
    synonyms: (options.synonyms ?? []).map((group) => group.map(normalise)),
  };
}
