/**
 * What a reader's next steps say about a search that failed: found nothing, or found answers the reader did
 * not open. When the same reader, within ten minutes, opens an answer from another search (or votes はい on
 * one), the failed query is evidence that it means that answer.
 */

/** How long after a failed search a success still speaks for it. */
export const REWRITE_WINDOW_MS = 10 * 60_000;
/** The most failed queries one success speaks for: older attempts say less about what the reader meant. */
const MOST_PER_SUCCESS = 3;

/** One of the reader's searches that day, as stored. */
export interface Step {
  query: string;
  results: number;
  /** The answer opened from it, if any. */
  clicked: string | null;
  /** ISO time. */
  at: string;
}

/** An answer the reader reached: opened from a search (`query`), or voted はい on (`query` null). */
export interface Success {
  question: string;
  query: string | null;
  at: string;
}

export interface Rewrite {
  from: string;
  to: string | null;
  question: string;
}

/** The start of the window a success looks back over, as ISO text (stored times compare as text). */
export function windowStart(success: Success): string {
  return new Date(Date.parse(success.at) - REWRITE_WINDOW_MS).toISOString();
}

/**
 * The failed searches `success` resolves, newest first: the reader's searches in the window before it, back
 * to the last one they opened an answer from (those before it were resolved by that one).
 */
export function resolvedBy(success: Success, steps: readonly Step[]): Rewrite[] {
  const since = windowStart(success);
  const before = steps
    .filter((step) => step.at >= since && step.at <= success.at)
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  const rewrites: Rewrite[] = [];
  const seen = new Set<string>();
  for (const step of before) {
    if (step.query === success.query || step.query === "") continue;
    if (step.clicked !== null) break;
    if (seen.has(step.query)) continue;
    seen.add(step.query);
    rewrites.push({ from: step.query, to: success.query, question: success.question });
    if (rewrites.length === MOST_PER_SUCCESS) break;
  }
  return rewrites;
}
