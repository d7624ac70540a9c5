/**
 * Negated predicates. 統合されている and 統合されていない share every character but the last two, so as
 * bigrams they look like the same phrase; a user asking about one is not asking about the other. The
 * tokeniser keys the kana of a negated predicate apart (see NEGATED), so the affirmative and the negative
 * still meet on their kanji (統合, s:統合) but no longer on the endings that carry the polarity.
 *
 * Polarity decides how well an answer fits, not whether it is about the query's words at all: a query's
 * pairs also look for the other polarity's key, for coverage only (rank.ts), so 同期されている still
 * finds the one answer that says 同期されていない, below any that says 同期されている.
 */
import type { TermKind } from "./tokenise.js";

/** Key prefix of a term inside a negated predicate's kana. */
export const NEGATED = "n:";

/**
 * Negative endings of verbs and adjectives, plain and polite, as they occur in a run of hiragana:
 * ない / なかった / なく / なければ, ません, and the literary ずに (ず alone ends a run, see isNegatedRun).
 * ない also ends 少ない and 危ない; treating those as negative only changes which other negatives they meet.
 */
const NEGATIVE_ENDINGS: readonly string[][] = ["ない", "なかっ", "なく", "なけれ", "ません", "ずに"].map((ending) => [
  ...ending,
]);

function endsAt(chars: readonly string[], at: number, to: number, ending: readonly string[]): boolean {
  if (at + ending.length > to) return false;
  for (let i = 0; i < ending.length; i++) if (chars[at + i] !== ending[i]) return false;
  return true;
}

/**
 * The key the same pair has in a predicate of the other polarity, for pairs that can be in one: those
 * ending in a predicate's hiragana (kana pairs, and kanji followed by its okurigana).
 */
export function otherPolarity(key: string, kind: TermKind, surface: string): string | undefined {
  if (kind !== "kanaBigram" && kind !== "bigram") return undefined;
  if (key.startsWith(NEGATED)) return key.slice(NEGATED.length);
  if (kind === "kanaBigram") return NEGATED + key;
  // A bigram is kanji + okurigana when it ends in hiragana but does not start in it (katakana is folded to
  // hiragana in surfaces, but a katakana pair never ends in a predicate's kana).
  const last = surface.charCodeAt(surface.length - 1);
  const firstIsKanji = surface.charCodeAt(0) >= 0x3400;
  return firstIsKanji && last >= 0x3041 && last <= 0x3096 ? NEGATED + key : undefined;
}

/**
 * Whether chars[from, to), a run of hiragana (the okurigana and particles after a word), holds a negative
 * ending. Works on the characters the tokeniser already has, without joining them: it runs on every run
 * of kana in every indexed answer.
 */
export function isNegatedRun(chars: readonly string[], from = 0, to = chars.length): boolean {
  for (let k = from; k < to; k++) {
    const char = chars[k];
    // Every ending starts with one of these; most characters are none of them.
    if (char !== "な" && char !== "ま" && char !== "ず") continue;
    if (char === "ず" && k === to - 1) return true;
    for (const ending of NEGATIVE_ENDINGS) if (endsAt(chars, k, to, ending)) return true;
  }
  return false;
}
