import type { Term } from "./tokenise.js";

/**
 * The query's most specific word when the content never uses it: a katakana loanword, a kanji compound or a
 * Latin word that no answer has. Such a query must not match on its generic words alone (プリンター設定 is not
 * about the IE11 settings answer, whose only link to it is 設定).
 *
 * A katakana run is known when it is one of the content's katakana words or its beginning or end (アカウ),
 * or several of them joined (アカウントロック: アカウント and ロック), as the vocabulary lists them; a vocabulary
 * cut short at a large size cannot say a word is missing, so then a word is also known when every bigram of it
 * is indexed (a word the content uses has them all; プリンター's ぷり, りん, んた, たー come from アプリ, リンク and
 * インター, so this is the weaker test). A kanji compound is unknown when no two of its kanji stand together anywhere and one of them
 * stands nowhere: 見積書 (積 is in no answer), not 何回 (何 and 回 each are), a word of any question, nor
 * 期限切れ (期限 is indexed; 限切 is not).
 */

/** A folded katakana (hiragana after normalise) or the long-vowel mark, as a katakana bigram's surface holds. */
const isKana = (char: string) => /^[\u3041-\u3096ー]$/u.test(char);
const isKanji = (char: string) => /^[\p{Script=Han}々〆]$/u.test(char);

/** A part of a katakana run too short to count as a word of its own: ログ|オン is no pair of known words. */
export const MIN_WORD_PART = 3;
/** Longer than any katakana word: parts are tried up to this length, so a long run costs linear time. */
const MAX_PART = 24;

/** Runs of one script's bigrams, each bigram starting one character after the one before. */
function chains(terms: readonly Term[], ofScript: (char: string) => boolean): Term[][] {
  const pairs = terms
    .filter((t) => t.kind === "bigram" && [...t.surface].every(ofScript))
    .sort((a, b) => a.start - b.start);
  const runs: Term[][] = [];
  for (const pair of pairs) {
    const run = runs[runs.length - 1];
    const last = run?.[run.length - 1];
    if (run && last && pair.start === last.start + 1) run.push(pair);
    else runs.push([pair]);
  }
  return runs;
}

const wordOf = (run: readonly Term[]) =>
  [...run.map((t) => [...t.surface][0]), [...run[run.length - 1]!.surface][1]].join("");

/** Whether `chars` splits into parts of MIN_WORD_PART or more characters, each of them a known part. */
function splitsInto(chars: number, knownPart: (start: number, end: number) => boolean): boolean {
  const reachable = new Array<boolean>(chars + 1).fill(false);
  reachable[0] = true;
  for (let start = 0; start < chars; start++) {
    if (!reachable[start]) continue;
    for (let end = start + MIN_WORD_PART; end <= Math.min(chars, start + MAX_PART); end++)
      if (knownPart(start, end)) reachable[end] = true;
  }
  return reachable[chars] === true;
}

/**
 * A word followed by で (or から) says where or with what, not what about: スマホでログインできない is about
 * signing in, on a phone. Such a word is the reader's circumstance, not their subject, and is let be.
 * ログオンできない is not: there で starts できる.
 */
function isCircumstance(normal: readonly string[], end: number): boolean {
  // Not できる (ログオンできない: can't log on) nor the copula では.
  if (normal[end] === "で") return normal[end + 1] !== "き" && normal[end + 1] !== "は";
  return normal[end] === "か" && normal[end + 1] === "ら";
}

/** The content's katakana and Latin words (vocabulary.ts), as unknownWords asks about them. */
export interface KnownWords {
  /**
   * Whether a normalised word is one of the content's words, or its beginning or end: a query typed so far
   * (アカウ) or cut from a title (ールアドレス) is of a word the content uses.
   */
  isPart(word: string): boolean;
  /** Whether the list holds every word, so that a word not in it is in no answer (else bigrams decide). */
  whole: boolean;
}

export interface UnknownWords {
  /** The first word the content never uses that the query is about: then it finds nothing. */
  subject: string | undefined;
  /** Spans of unknown words that say where or with what (スマホで): they count for nothing in the query. */
  circumstances: Array<[number, number]>;
}

/** The words of the query the content never uses. `normal`: the analysed text the terms' spans count in. */
export function unknownWords(
  terms: readonly Term[],
  normal: string,
  indexed: (key: string) => boolean,
  words: KnownWords,
): UnknownWords {
  const text = [...normal];
  const found: UnknownWords = { subject: undefined, circumstances: [] };
  const unknown = (word: string, start: number, end: number) => {
    if (isCircumstance(text, end)) found.circumstances.push([start, end]);
    else found.subject ??= word;
  };
  for (const run of chains(terms, isKana)) {
    if (run.length < 2) continue;
    const word = wordOf(run);
    const chars = [...word];
    // known[i]: the bigram of characters i and i + 1 is indexed.
    const known = run.map((t) => indexed(t.key));
    const knownPart = (start: number, end: number) =>
      words.isPart(chars.slice(start, end).join("")) || (!words.whole && known.slice(start, end - 1).every(Boolean));
    if (!splitsInto(chars.length, knownPart)) unknown(word, run[0]!.start, run[run.length - 1]!.end);
  }
  for (const run of chains(terms, isKanji)) {
    const word = wordOf(run);
    if (!run.some((t) => indexed(t.key)) && [...word].some((kanji) => !indexed(kanji)))
      unknown(word, run[0]!.start, run[run.length - 1]!.end);
  }
  const latin = terms.filter((t) => t.kind === "latin");
  for (const word of latin) {
    if ([...word.surface].length < 3) continue;
    // A word and its letter and digit parts (ie11: ie, 11): unknown only when none of them is indexed.
    const parts = latin.filter((t) => t.start >= word.start && t.end <= word.end);
    if (!parts.some((t) => indexed(t.key)) && !words.isPart(word.surface)) unknown(word.surface, word.start, word.end);
  }
  return found;
}
