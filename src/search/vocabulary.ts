import { normalise } from "./normalise.js";

/**
 * The words of the indexed content a "did you mean" can offer: katakana words and Latin words, where
 * typing slips (パスワート, advantagepuls) happen. Kanji are left out: a wrong kanji is a conversion
 * slip, not a spelling one, and one kanji off in a two-kanji word is a different word.
 */
export interface Vocabulary {
  /** Normalised (as the index sees them), the words in most documents first. */
  words: string[];
  /** Each word as the content writes it (NFKC, katakana kept), aligned with `words`: what a page shows. */
  surfaces: string[];
}

/** Bounds the vocabulary's memory whatever the corpus: the words in the most documents are kept. */
export const VOCABULARY_LIMIT = 5000;

/**
 * Katakana words (ー included) and Latin words, matched before NFKC so only the words found are normalised,
 * not whole answers: halfwidth katakana and its marks, fullwidth letters and digits are let in here.
 * Shorter words are too close to each other to correct.
 */
const WORD = /[\p{Script=Katakana}ーｰﾞﾟ]{3,}|[A-Za-zＡ-Ｚａ-ｚ][A-Za-z0-9Ａ-Ｚａ-ｚ０-９]{3,}/gu;

interface Entry {
  word: string;
  surface: string;
  docs: number;
  lastDoc: number;
}

/** `docs` yields each document's texts (its fields); a word counts once per document. */
export function buildVocabulary(docs: Iterable<readonly string[]>, limit = VOCABULARY_LIMIT): Vocabulary {
  // Keyed by the word as found, so each spelling is normalised once, not at every occurrence.
  const bySurface = new Map<string, Entry>();
  const byWord = new Map<string, Entry>();
  let d = 0;
  for (const texts of docs) {
    for (const text of texts) {
      for (const [found] of text.matchAll(WORD)) {
        let entry = bySurface.get(found);
        if (!entry) {
          const surface = found.normalize("NFKC");
          const word = normalise(surface);
          entry = byWord.get(word) ?? { word, surface, docs: 0, lastDoc: -1 };
          byWord.set(word, entry);
          bySurface.set(found, entry);
        }
        if (entry.lastDoc !== d) {
          entry.lastDoc = d;
          entry.docs++;
        }
      }
    }
    d++;
  }
  const ranked = [...byWord.values()].sort((a, b) => b.docs - a.docs || (a.word < b.word ? -1 : 1)).slice(0, limit);
  return { words: ranked.map((entry) => entry.word), surfaces: ranked.map((entry) => entry.surface) };
}

/** The vocabulary again from its surfaces, in order: what the exported JSON carries. */
export function vocabularyFromSurfaces(surfaces: readonly string[]): Vocabulary {
  return { words: surfaces.map((surface) => normalise(surface)), surfaces: [...surfaces] };
}
