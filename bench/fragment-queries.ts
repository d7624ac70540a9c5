// Queries as readers of a large knowledge base type them: a fragment of some title, alone and with one of the
// words most answers share (#30: such a word made every document a candidate).

/** Words nearly every generated answer has; a reader adds one to a fragment. */
export const COMMON_WORDS = ["ログイン", "できない", "エラー", "メール", "変更"] as const;

/** A seeded generator, so every run draws the same queries. */
export function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
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
