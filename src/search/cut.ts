/**
 * Where the result list ends, and whether its first answer clearly wins.
 *
 * Scoring alone never says "enough": every answer that shares a word with the query gets a score, and in
 * a FAQ about HP accounts nearly every answer says アカウント. So the list keeps only the answers that
 * are a real alternative to the best one, measured two ways, both relative to the best (a query's
 * absolute scores depend on its length and its words, so no fixed number can separate good from poor):
 *
 *  - score: BM25 with field weights, so where the words occur (title, keywords) counts;
 *  - rarity coverage: how much of the query the answer covers, each query character weighted by the IDF
 *    of the rarest indexed term covering it. Sharing only the ubiquitous part of a query (HPアカウント in
 *    HPアカウントの作り方) covers almost none of it, however often the answer repeats that part.
 *
 * The thresholds were set on test/search/fixtures (dev and extra sets): see cut.test.ts for the behaviour.
 */

/** An answer below this share of the best score is a passing mention of the query's words. */
export const MIN_SCORE_SHARE = 0.3;
/** An answer covering less than this share of what the best-covering answer covers misses the point of the query. */
export const MIN_RARITY_SHARE = 0.5;
/**
 * The first answer clearly wins when it scores at least CONFIDENT_RATIO times the second. On the dev and
 * extra sets (104 answerable queries), the two queries whose first answer was wrong before negation and
 * particles were handled had ratios of 1.05 and 1.24, and the queries whose judges accept the second
 * answer as well ran up to 1.90 (one outlier at 3.2, whose first answer is right too). 2 is the round
 * number above them: beating the runner-up twice over is what "clearly" means to a reader.
 */
export const CONFIDENT_RATIO = 2;

export interface Candidate {
  score: number;
  /** Rarity-weighted share of the query the answer covers, 0 to 1. */
  rarity: number;
  /** The query names an error code this answer is for. */
  codeMatch: boolean;
}

/** Ranks first among candidates: an answer to an error code the query names before any other, then by score. */
function leads(a: Candidate, b: Candidate): boolean {
  return a.codeMatch !== b.codeMatch ? a.codeMatch : a.score > b.score;
}

/**
 * The candidates worth showing, in the order given: any order will do, so a caller can cut thousands of
 * candidates before it sorts the few that are left. The first-ranked candidate and every exact error-code
 * answer are always kept: the cut shortens a list, it never empties one.
 */
export function cutTail<T extends Candidate>(candidates: readonly T[]): T[] {
  let lead: T | undefined;
  let bestRarity = 0;
  for (const candidate of candidates) {
    if (!lead || leads(candidate, lead)) lead = candidate;
    bestRarity = Math.max(bestRarity, candidate.rarity);
  }
  if (!lead) return [];
  const { score } = lead;
  return candidates.filter(
    (candidate) =>
      candidate === lead || candidate.codeMatch || (candidate.score >= MIN_SCORE_SHARE * score && candidate.rarity >= MIN_RARITY_SHARE * bestRarity),
  );
}

/**
 * Whether a results page may present the first answer as the answer: it answers the error code the
 * query names, or nothing else was left after the cut, or it scores CONFIDENT_RATIO times the second.
 * `shown` is the list after cutTail, sorted best first.
 */
export function isConfident(shown: readonly Candidate[]): boolean {
  const [first, second] = shown;
  if (!first) return false;
  if (first.codeMatch) return !second?.codeMatch;
  return !second || first.score >= CONFIDENT_RATIO * second.score;
}
