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

const CHAR_WEIGHT: Record<Script, number> = { kanji: 1, katakana: 1, hiragana: 0.3, latin: 1, other: 0 };

/** How much a query term of each kind counts; hiragana pairs are mostly particles and endings. */
export const KIND_WEIGHT: Record<TermKind, number> = { code: 4, latin: 1, bigram: 1, kanaBigram: 0.2, kanji: 0.4, stem: 0.6 };

type Script = "kanji" | "katakana" | "hiragana" | "latin" | "other";

function scriptOf(char: string): Script {
  const code = char.codePointAt(0) ?? 0;
  if ((code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf) || code === 0x3005 || code === 0x3006) return "kanji";
  if (code >= 0x30a1 && code <= 0x30fa) return "katakana";
  if (code >= 0x3041 && code <= 0x3096) return "hiragana";
  if ((code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x7a)) return "latin";
  return "other";
}

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
  const { normal, weights } = scan(text, knownCodes, (key, kind, surface, start, end) => terms.push({ key, kind, surface, start, end }));
  return { terms, normal, weights };
}

/** Counts each term's occurrences without building term objects: indexing 10,000 answers makes millions. */
export function countTerms(text: string, knownCodes: ReadonlySet<string>): { counts: Map<string, number>; total: number } {
  const counts = new Map<string, number>();
  let total = 0;
  scan(text, knownCodes, (key) => {
    counts.set(key, (counts.get(key) ?? 0) + 1);
    total++;
  });
  return { counts, total };
}

type Emit = (key: string, kind: TermKind, surface: string, start: number, end: number) => void;

function scan(text: string, knownCodes: ReadonlySet<string>, emit: Emit): { normal: string; weights: number[] } {
  // NFKC and lower case, but kana not yet folded: the script of each character still matters here.
  const wide = text.normalize("NFKC").toLowerCase();
  const chars = [...wide];
  const folded = chars.map(foldChar);
  const scripts = chars.map(scriptOf);
  // "ー" (and "々") continue whatever script came before them.
  for (let i = 1; i < chars.length; i++) {
    if ((chars[i] === "ー" || chars[i] === "ｰ") && scripts[i - 1] !== "other" && scripts[i - 1] !== "latin") scripts[i] = scripts[i - 1] ?? "other";
  }

  // Codes are found in the folded text; map their spans back to character positions to skip them below.
  const charAt: number[] = [];
  folded.forEach((f, index) => {
    for (let n = 0; n < f.length; n++) charAt.push(index);
  });
  charAt.push(chars.length);
  const skip = new Uint8Array(chars.length);
  const normal = folded.join("");
  for (const match of findCodes(normal, knownCodes)) {
    const start = charAt[match.start] ?? 0;
    const end = charAt[match.end] ?? chars.length;
    emit(`c:${match.code}`, "code", match.code.toLowerCase(), start, end);
    skip.fill(1, start, end);
  }

  let i = 0;
  while (i < chars.length) {
    const script = skip[i] ? "other" : scripts[i];
    if (script === "other") {
      i++;
      continue;
    }
    let end = i + 1;
    const isLatin = script === "latin";
    while (end < chars.length && !skip[end] && (scripts[end] === "latin") === isLatin && scripts[end] !== "other") end++;
    if (isLatin) latinTerms(folded.slice(i, end).join(""), i, emit);
    else japaneseTerms(folded.slice(i, end), scripts.slice(i, end), i, emit);
    i = end;
  }
  return { normal, weights: scripts.map((script, index) => (skip[index] ? 1 : CHAR_WEIGHT[script])) };
}

function latinTerms(word: string, offset: number, emit: Emit): void {
  emit(word, "latin", word, offset, offset + word.length);
  // "ie11" → also "ie" and "11"; "explorer11" → "explorer", "11".
  const parts = [...word.matchAll(/[a-z]+|\d+/g)];
  if (parts.length > 1) {
    for (const part of parts) emit(part[0], "latin", part[0], offset + part.index, offset + part.index + part[0].length);
  }
}

/** Per character: whether it lies in a run of hiragana with a negative ending (negation.ts); undefined if none does. */
function negatedKana(chars: string[], scripts: Script[]): Uint8Array | undefined {
  let negated: Uint8Array | undefined;
  let k = 0;
  while (k < chars.length) {
    if (scripts[k] !== "hiragana") {
      k++;
      continue;
    }
    let end = k + 1;
    while (end < chars.length && scripts[end] === "hiragana") end++;
    if (isNegatedRun(chars, k, end)) (negated ??= new Uint8Array(chars.length)).fill(1, k, end);
    k = end;
  }
  return negated;
}

function japaneseTerms(chars: string[], scripts: Script[], offset: number, emit: Emit): void {
  // Spans count code points: `chars` holds one code point per item.
  const term = (key: string, kind: TermKind, surface: string, start: number, length: number) => emit(key, kind, surface, offset + start, offset + start + length);
  const negated = negatedKana(chars, scripts);
  let stem = "";
  let stemLength = 0;
  for (let k = 0; k < chars.length; k++) {
    const char = chars[k] ?? "";
    const script = scripts[k];
    if (script === "kanji") {
      // A lone kana is a particle, but a lone kanji is a word: 届 is what 届かない and 届きません share.
      term(char, "kanji", char, k, 1);
      stem += char;
      stemLength++;
    } else if (stem) {
      term(`s:${stem}`, "stem", stem, k - stemLength, stemLength);
      stem = "";
      stemLength = 0;
    }
    const next = chars[k + 1];
    const nextScript = scripts[k + 1];
    if (next === undefined || nextScript === undefined) continue;
    const pair = char + next;
    // A pair ending in a negated predicate's kana is keyed apart: 届かない meets 届きません there, 届く does not.
    const key = negated?.[k + 1] ? NEGATED + pair : pair;
    if (script === nextScript) term(key, script === "hiragana" ? "kanaBigram" : "bigram", pair, k, 2);
    else if (script === "kanji" && nextScript === "hiragana") term(key, "bigram", pair, k, 2);
  }
  if (stem) term(`s:${stem}`, "stem", stem, chars.length - stemLength, stemLength);
}
