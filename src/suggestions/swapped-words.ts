/**
 * The word a reader swapped for another between two searches, found without a dictionary: both queries are
 * cut into runs of one script (katakana, hiragana, kanji, Latin letters and digits), and when they share runs
 * before or after and differ in one short stretch, that stretch is the swap. 「ログインできない」→「サインイン
 * できない」 gives ログイン and サインイン, whole words, where a character diff would give ログ and サ.
 */

type Script = "katakana" | "hiragana" | "kanji" | "latin" | "other";

const HAN = /[\p{Script=Han}々]/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** By code point first: the kana ranges are tested without a regular expression, as most characters are kana. */
function scriptOf(char: string): Script {
  const code = char.codePointAt(0) ?? 0;
  if ((code >= 0x30a0 && code <= 0x30ff) || (code >= 0xff66 && code <= 0xff9f)) return "katakana";
  if (code >= 0x3040 && code <= 0x309f) return "hiragana";
  if (code < 0x80)
    return (code >= 0x30 && code <= 0x39) || ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a) ? "latin" : "other";
  if (HAN.test(char)) return "kanji";
  return LETTER_OR_DIGIT.test(char) ? "latin" : "other";
}

/** The query's runs of one script; spaces and punctuation separate runs and are not runs themselves. */
export function scriptRuns(text: string): string[] {
  const runs: string[] = [];
  let run = "";
  let script: Script | undefined;
  for (const char of text) {
    const next = scriptOf(char);
    if (next !== script || next === "other") {
      if (run && script !== "other") runs.push(run);
      run = "";
    }
    script = next;
    run += char;
  }
  if (run && script !== "other") runs.push(run);
  return runs;
}

/**
 * The query's words: its runs, less hiragana (particles and endings such as された; a query written in
 * hiragana alone, such as ひもづけ, is one word) and single characters (the stem of a verb such as 違う or
 * 届く, cut from its ending, is no word to search by).
 */
export function contentWords(text: string): string[] {
  const runs = scriptRuns(text);
  if (runs.length === 1 && [...runs[0]!].length > 1) return runs;
  return runs.filter((run) => !isHiragana(run) && [...run].length > 1);
}

const isHiragana = (run: string) => /^[\u3040-\u309f]+$/u.test(run);

/**
 * A stretch of runs without the hiragana at its ends (particles, endings: 「ワンタイムコードが」 is the word
 * ワンタイムコード, 「がわからない方法」 is 方法), unless it is all hiragana (ひもづけ).
 */
function withoutParticles(runs: string[]): string[] {
  let start = 0;
  let end = runs.length;
  while (end - start > 1 && isHiragana(runs[start]!)) start++;
  while (end - start > 1 && isHiragana(runs[end - 1]!)) end--;
  return runs.slice(start, end);
}

/**
 * Whether a swapped stretch can be a word of a synonym group: not a single character (何 for 方法, the stem 忘
 * of 忘れた) nor a particle pair such as とは, which would stand in for each other in every query; not longer
 * than a word or two.
 */
function isWord(word: string): boolean {
  const length = [...word].length;
  return length >= 2 && length <= MOST_CHARACTERS && !(isHiragana(word) && length < 3);
}

/** A swap is a word or two, not a rewritten question. */
const MOST_RUNS = 2;
const MOST_CHARACTERS = 12;

/**
 * The two words, [from's, to's], when `to` is `from` with one short stretch swapped for another and something
 * kept around it; else undefined (a query rewritten throughout says nothing about single words).
 */
export function swappedWords(from: string, to: string): [string, string] | undefined {
  const a = scriptRuns(from);
  const b = scriptRuns(to);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  if (head + tail === 0) return undefined;
  const left = withoutParticles(a.slice(head, a.length - tail));
  const right = withoutParticles(b.slice(head, b.length - tail));
  if (left.length === 0 || right.length === 0 || left.length > MOST_RUNS || right.length > MOST_RUNS) return undefined;
  const words: [string, string] = [left.join(""), right.join("")];
  if (words.some((word) => !isWord(word)) || words[0] === words[1]) return undefined;
  return words;
}
