import type { SearchIndex } from "./build-index.js";
import { codeShapes } from "./codes.js";
import { normalise } from "./normalise.js";
import { search } from "./rank.js";

/** What a page can say when a query found nothing. */
export type Suggestion =
  /** "Did you mean `query`?": the query with each misspelt word replaced by the content's own spelling. */
  | { kind: "spelling"; query: string; corrections: Array<{ typed: string; known: string }> }
  /** The query names an error code of a known family (AE…) that does not exist: list `knownCodes` instead. */
  | { kind: "unknownCode"; code: string; knownCodes: string[] };

/** Query words worth correcting: katakana, hiragana (katakana words typed in kana) and Latin runs. */
const PIECE = /[\p{Script=Katakana}ー]{3,}|[\p{Script=Hiragana}ー]{3,}|[A-Za-z][A-Za-z0-9]{3,}/gu;

/** One slip per word, two in a long one: beyond that a "correction" is a different word. */
function allowedEdits(length: number): number {
  return length >= 7 ? 2 : 1;
}

/**
 * Edit distance with adjacent transpositions (optimal string alignment), giving up past `max`: a
 * transposed pair is one slip of the fingers, not two.
 */
export function editDistance(a: string, b: string, max: number): number {
  const s = [...a];
  const t = [...b];
  if (Math.abs(s.length - t.length) > max) return max + 1;
  let before = new Array<number>(t.length + 1).fill(0);
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let d = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d = Math.min(d, (before[j - 2] ?? 0) + 1);
      current.push(d);
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > max) return max + 1;
    before = previous;
    previous = current;
  }
  return previous[t.length] ?? max + 1;
}

/** The closest vocabulary word within the allowed edits, the most widespread among equals. */
function closestWord(index: SearchIndex, word: string): string | undefined {
  const { words, surfaces } = index.vocabulary;
  const max = allowedEdits([...word].length);
  let best: string | undefined;
  let bestDistance = max + 1;
  // Words come most widespread first, so the first at a distance wins its ties, and one slip cannot be beaten.
  for (let i = 0; i < words.length && bestDistance > 1; i++) {
    const distance = editDistance(word, words[i] ?? "", Math.min(max, bestDistance - 1));
    if (distance > 0 && distance < bestDistance) {
      bestDistance = distance;
      best = surfaces[i];
    }
  }
  return best;
}

/**
 * "Did you mean": for a query that found nothing, the nearest thing the content knows. Cheap enough for
 * that rare path (a scan of the bounded vocabulary, then one search), not meant for every query.
 * Returns undefined when there is nothing better to offer than the empty result.
 */
export function suggest(index: SearchIndex, query: string): Suggestion | undefined {
  const text = query.normalize("NFKC");
  const normal = normalise(text);

  // AE7 is not a misspelling of AE07's neighbours: it is a code that does not exist.
  const families = new Set([...index.knownCodes].map((code) => code.slice(0, 2)));
  const unknown = codeShapes(normal).find(
    (match) => families.has(match.code.slice(0, 2)) && !index.knownCodes.has(match.code),
  );
  if (unknown) return { kind: "unknownCode", code: unknown.code, knownCodes: [...index.knownCodes].sort() };

  const known = new Set(index.vocabulary.words);
  const corrections: Array<{ typed: string; known: string }> = [];
  let corrected = "";
  let at = 0;
  for (const match of text.matchAll(PIECE)) {
    const typed = match[0];
    const word = normalise(typed);
    if (known.has(word)) continue;
    const replacement = closestWord(index, word);
    if (replacement === undefined) continue;
    corrections.push({ typed, known: replacement });
    corrected += text.slice(at, match.index) + replacement;
    at = match.index + typed.length;
  }
  if (corrections.length === 0) return undefined;
  corrected += text.slice(at);
  // Offer only what finds something: a correction that also finds nothing would be a second dead end.
  if (search(index, corrected, { limit: 1 }).total === 0) return undefined;
  return { kind: "spelling", query: corrected, corrections };
}
