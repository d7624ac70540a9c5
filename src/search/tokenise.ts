import { findCodes } from "./codes.js";
import { isNegatedRun, NEGATED } from "./negation.js";
import { foldChar } from "./normalise.js";

export type TermKind = "code" | "latin" | "bigram" | "kanaBigram" | "kanji" | "stem";

export interface Term {
  /**
   * The searchable form: "c:AE01" for codes, "s:確認" for kanji stems, "n:ない" for a pair inside a negated
   * predicate (negation.ts), else the normalised text.
   */
  key: string;
  kind: TermKind;
  /** The normalised text this term stands for, to find and mark it in a snippet. */
  surface: string;
  /** Character span of the term in the analysed text (after NFKC). */
  start: number;
  end: number;
}

export interface Analysis {
  terms: Term[];
  /** The text normalised, as normalise() gives it: spans index its code points. */
  normal: string;
  /**
   * How much each character of the text says about what is wanted: a query must be mostly covered by a
   * document's terms to match it. Hiragana is mostly particles and endings; spaces and marks say nothing.
   */
  weights: number[];
}

/** How much a query term of each kind counts; hiragana pairs are mostly particles and endings. */
export const KIND_WEIGHT: Record<TermKind, number> = {
  code: 4,
  latin: 1,
  bigram: 1,
  kanaBigram: 0.2,
  kanji: 0.4,
  stem: 0.6,
};

/**
 * Splits text into search terms. The same function serves documents and queries, so they always meet:
 * error codes as one canonical term; Latin words and numbers, and their letter and digit parts; Japanese
 * as bigrams within a script run (plus kanji followed by its okurigana), single kanji, and kanji stems,
 * so 届かない and 届きません share 届 and 忘れた and 忘れてしまいました share 忘れ.
 */
export function tokenise(text: string, knownCodes: ReadonlySet<string>): Term[] {
  return analyse(text, knownCodes).terms;
}

export function analyse(text: string, knownCodes: ReadonlySet<string>): Analysis {
  const terms: Term[] = [];
  const { normal, weights } = scan(
    text,
    knownCodes,
    (key, kind, surface, start, end) => terms.push({ key, kind, surface, start, end }),
    true,
  );
  return { terms, normal, weights };
}

/**
 * Calls `onKey` with each term's key, in order, without building term objects: indexing 10,000 answers makes
 * millions. Returns how many terms there were.
 */
export function eachTermKey(text: string, knownCodes: ReadonlySet<string>, onKey: (key: string) => void): number {
  let total = 0;
  scan(
    text,
    knownCodes,
    (key) => {
      onKey(key);
      total++;
    },
    false,
  );
  return total;
}

type Emit = (key: string, kind: TermKind, surface: string, start: number, end: number) => void;

/** The script of each character, as small numbers: compared millions of times while indexing. */
enum S {
  Kanji,
  Katakana,
  Hiragana,
  Latin,
  Other,
}
/** How much a character of each script says about what is wanted (see Analysis.weights). */
const CHAR_WEIGHT: Record<S, number> = { [S.Kanji]: 1, [S.Katakana]: 1, [S.Hiragana]: 0.3, [S.Latin]: 1, [S.Other]: 0 };

function scriptCode(code: number): S {
  if ((code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf) || code === 0x3005 || code === 0x3006)
    return S.Kanji;
  if (code >= 0x30a1 && code <= 0x30fa) return S.Katakana;
  if (code >= 0x3041 && code <= 0x3096) return S.Hiragana;
  if ((code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x7a)) return S.Latin;
  return S.Other;
}

/**
 * One pass over the text's code points. Indexing 10,000 answers runs this over millions of characters, so it
 * works on flat arrays and index ranges rather than slices and per-character objects.
 */
function scan(
  text: string,
  knownCodes: ReadonlySet<string>,
  emit: Emit,
  wantWeights: boolean,
): { normal: string; weights: number[] } {
  // NFKC and lower case, but kana not yet folded: the script of each character still matters here.
  const wide = text.normalize("NFKC").toLowerCase();
  const chars: string[] = [];
  const scripts: S[] = [];
  // Code points outside the BMP take two UTF-16 units: only then do string offsets and character numbers differ.
  let astral = false;
  for (const char of wide) {
    const code = char.codePointAt(0) ?? 0;
    if (code > 0xffff) astral = true;
    let script = scriptCode(code);
    // "ー" (and "ｰ") continue whatever script came before them.
    if ((code === 0x30fc || code === 0xff70) && scripts.length > 0) {
      const before = scripts[scripts.length - 1] ?? S.Other;
      if (before !== S.Other && before !== S.Latin) script = before;
    }
    chars.push(foldChar(char));
    scripts.push(script);
  }
  const length = chars.length;
  const normal = chars.join("");

  // Codes are found in the folded text; map their spans back to character positions to skip them below.
  let skip: Uint8Array | undefined;
  const codes = findCodes(normal, knownCodes);
  if (codes.length > 0) {
    const charAt = astral ? characterNumbers(chars) : undefined;
    skip = new Uint8Array(length);
    for (const match of codes) {
      const start = charAt ? (charAt[match.start] ?? 0) : match.start;
      const end = charAt ? (charAt[match.end] ?? length) : match.end;
      emit(`c:${match.code}`, "code", match.code.toLowerCase(), start, end);
      skip.fill(1, start, end);
    }
  }

  let i = 0;
  while (i < length) {
    const script = skip?.[i] ? S.Other : (scripts[i] ?? S.Other);
    if (script === S.Other) {
      i++;
      continue;
    }
    let end = i + 1;
    if (script === S.Latin) {
      while (end < length && !skip?.[end] && scripts[end] === S.Latin) end++;
      latinTerms(chars.slice(i, end).join(""), i, emit);
    } else {
      while (end < length && !skip?.[end] && scripts[end] !== S.Latin && scripts[end] !== S.Other) end++;
      japaneseTerms(chars, scripts, i, end, emit);
    }
    i = end;
  }
  const weights: number[] = [];
  if (wantWeights) for (let k = 0; k < length; k++) weights.push(skip?.[k] ? 1 : CHAR_WEIGHT[scripts[k] ?? S.Other]);
  return { normal, weights };
}

/** For each UTF-16 offset of the joined characters, the number of the character it falls in. */
function characterNumbers(chars: readonly string[]): number[] {
  const charAt: number[] = [];
  chars.forEach((char, index) => {
    for (let n = 0; n < char.length; n++) charAt.push(index);
  });
  charAt.push(chars.length);
  return charAt;
}

function latinTerms(word: string, offset: number, emit: Emit): void {
  emit(word, "latin", word, offset, offset + word.length);
  // "ie11" → also "ie" and "11"; "explorer11" → "explorer", "11".
  if (!MIXED.test(word)) return;
  for (const part of word.matchAll(/[a-z]+|\d+/g))
    emit(part[0], "latin", part[0], offset + part.index, offset + part.index + part[0].length);
}

/** Letters next to digits: most words are one or the other. */
const MIXED = /[a-z]\d|\d[a-z]/;

/** Per character of [from, to): whether it lies in a run of hiragana with a negative ending (negation.ts); undefined if none does. */
function negatedKana(
  chars: readonly string[],
  scripts: readonly S[],
  from: number,
  to: number,
): Uint8Array | undefined {
  let negated: Uint8Array | undefined;
  let k = from;
  while (k < to) {
    if (scripts[k] !== S.Hiragana) {
      k++;
      continue;
    }
    let end = k + 1;
    while (end < to && scripts[end] === S.Hiragana) end++;
    if (isNegatedRun(chars, k, end)) (negated ??= new Uint8Array(chars.length)).fill(1, k, end);
    k = end;
  }
  return negated;
}

/** Terms of one run of Japanese, chars[from, to). Spans count code points: `chars` holds one per item. */
function japaneseTerms(chars: readonly string[], scripts: readonly S[], from: number, to: number, emit: Emit): void {
  const negated = negatedKana(chars, scripts, from, to);
  let stem = "";
  let stemStart = 0;
  for (let k = from; k < to; k++) {
    const char = chars[k] ?? "";
    const script = scripts[k];
    if (script === S.Kanji) {
      // A lone kana is a particle, but a lone kanji is a word: 届 is what 届かない and 届きません share.
      emit(char, "kanji", char, k, k + 1);
      if (!stem) stemStart = k;
      stem += char;
    } else if (stem) {
      emit(`s:${stem}`, "stem", stem, stemStart, k);
      stem = "";
    }
    if (k + 1 >= to) continue;
    const nextScript = scripts[k + 1];
    const pair = char + (chars[k + 1] ?? "");
    // A pair ending in a negated predicate's kana is keyed apart: 届かない meets 届きません there, 届く does not.
    if (script === nextScript) {
      const key = negated?.[k + 1] ? NEGATED + pair : pair;
      emit(key, script === S.Hiragana ? "kanaBigram" : "bigram", pair, k, k + 2);
    } else if (script === S.Kanji && nextScript === S.Hiragana) {
      emit(negated?.[k + 1] ? NEGATED + pair : pair, "bigram", pair, k, k + 2);
    }
  }
  if (stem) emit(`s:${stem}`, "stem", stem, stemStart, to);
}
