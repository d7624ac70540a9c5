/**
 * Queries are typed the way people talk; answers are written. A colloquial particle glued to a word
 * (HPアカウントって何, ロックされちゃった) shares no bigram with the written form the answers use
 * (HP アカウントとは何, ロックされてしまいました), and its own bigrams meet only coincidences (によって).
 * So a query's colloquial particles and contractions are put in their written form before it is analysed.
 * Documents are left as they are: they are the written form.
 */

interface Rewrite {
  pattern: RegExp;
  written: string;
}

/**
 * Closed-class grammar only (particles, auxiliary contractions), never content words: this is about how
 * a sentence is glued together, not about what it asks.
 */
const REWRITES: readonly Rewrite[] = [
  // Topic って (and っていうのは, ってのは) = とは, but only after a noun: after kana, って is a verb's
  // te-form (待って, どうやって). A lone kanji before it is usually a verb stem too (使って), so kanji must
  // be a compound (統合って).
  { pattern: /(?<=[\p{Script=Katakana}ー]|[a-z0-9]|\p{Script=Han}{2})っ(?:ていうのは|てのは|て)/gu, written: "とは" },
  // ～ちゃう / ～じゃう contract ～てしまう / ～でしまう, in every tense.
  { pattern: /ちゃ(?=[うっいわえお])/gu, written: "てしま" },
  { pattern: /じゃ(?=[うっ])/gu, written: "でしま" },
  // じゃない / じゃありません: the copula's negative.
  { pattern: /じゃ(?=な|あり)/gu, written: "では" },
];

/** Every rewrite above starts at one of these. */
const COLLOQUIAL_MARK = /[っちじ]/;

/**
 * The query with its colloquial particles written out: NFKC and lower case like normalise(), but katakana
 * not yet folded, since whether って follows a noun depends on its script.
 */
export function writtenForm(text: string): string {
  let out = text.normalize("NFKC").toLowerCase();
  // Most queries have none of the particles: one cheap look spares them every rewrite's scan.
  if (!COLLOQUIAL_MARK.test(out)) return out;
  for (const { pattern, written } of REWRITES) out = out.replace(pattern, written);
  return out;
}
