import { synonymGroups, type SearchIndex } from "./build-index.js";
import { vocabularyFromSurfaces } from "./vocabulary.js";

/** The index as JSON: what the static export ships to the browser. Typed arrays become number arrays. */
export interface SerialisedIndex {
  ids: string[];
  codes: string[][];
  knownCodes: string[];
  /** Term keys in term-number order. */
  terms: string[];
  offsets: number[];
  docs: number[];
  parts: number[];
  titles: string[];
  /** Normalised synonym groups. */
  synonyms: string[][];
  /** The vocabulary's words as written, most widespread first: their normalised forms are recomputed. */
  vocabulary: string[];
}

export function serialiseIndex(index: SearchIndex): SerialisedIndex {
  const terms = new Array<string>(index.termIds.size);
  for (const [key, t] of index.termIds) terms[t] = key;
  return {
    ids: index.ids,
    codes: index.codes,
    knownCodes: [...index.knownCodes],
    terms,
    offsets: Array.from(index.offsets),
    docs: Array.from(index.docs),
    // A float32 printed as-is is 1.2339999675750732; its three decimals give back the same float32.
    parts: Array.from(index.parts, (part) => Math.round(part * 1000) / 1000),
    titles: index.titles,
    synonyms: index.synonyms.map((group) => group.members),
    vocabulary: index.vocabulary.surfaces,
  };
}

export function deserialiseIndex(data: SerialisedIndex): SearchIndex {
  const knownCodes = new Set(data.knownCodes);
  return {
    ids: data.ids,
    codes: data.codes,
    knownCodes,
    termIds: new Map(data.terms.map((key, t) => [key, t])),
    offsets: Uint32Array.from(data.offsets),
    docs: Uint32Array.from(data.docs),
    parts: Float32Array.from(data.parts),
    titles: data.titles,
    synonyms: synonymGroups(data.synonyms, knownCodes),
    // A search-index.json cached from before the vocabulary existed still loads: it only suggests nothing.
    vocabulary: vocabularyFromSurfaces(data.vocabulary ?? []),
  };
}
