// Queries as readers of a large knowledge base type them: a fragment of some title, alone and with one of the
// words most answers share (#30: such a word made every document a candidate).

/** Words nearly every generated answer has; a reader adds one to a fragment. */
export const COMMON_WORDS = ["ログイン", "できない", "エラー", "メール", "変更"] as const;

/**
 * A seeded generator, so every run draws the same queries: mulberry32. The linear congruential one before it
 * gave successive draws that depend on each other, so a question page drawn after a roll of "question page"
 * came from a fraction of the 10,000 (in 4,000 draws two thirds were repeats).
 */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A fragment of 3–8 characters of a random title. */
export function titleFragment(titles: readonly string[], pick: () => number): string {
  const title = titles[Math.floor(pick() * titles.length)] ?? "";
  const start = Math.floor(pick() * Math.max(1, title.length - 4));
  return title.slice(start, start + 3 + Math.floor(pick() * 6));
}

/** `count` fragments, and the same fragments each with a common word after it. */
export function fragmentQueries(
  titles: readonly string[],
  count: number,
  seed: number,
): { alone: string[]; withCommon: string[] } {
  const pick = seeded(seed);
  const alone = Array.from({ length: count }, () => titleFragment(titles, pick));
  const withCommon = alone.map((fragment, i) => `${fragment} ${COMMON_WORDS[i % COMMON_WORDS.length]}`);
  return { alone, withCommon };
}
