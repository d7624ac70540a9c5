import type { ContentProblem } from "../content/content-error.js";

/**
 * The queries readers rely on, each with the answer they open from it, kept as content/search-checks.json so
 * that `npm run check` fails an edit that stops a popular search from finding its answer.
 */
export const SEARCH_CHECKS_FILE = "search-checks.json";
/** A check holds while its answer is among this many first results. */
export const CHECKED_DEPTH = 3;
/** A query is popular from this many readers (a reader counts once a day) in the period. */
export const MIN_CHECK_READERS = 5;
/** ...and its answer is clear when it takes at least this share of the query's clicks. */
export const MIN_ANSWER_SHARE = 0.6;

export interface SearchCheck {
  query: string;
  answer: string;
}

/** `search-checks.json` read and validated against the content's answers; problems named by entry. */
export function parseSearchChecks(
  text: string,
  file: string,
  answers: ReadonlySet<string>,
): { checks: SearchCheck[]; problems: ContentProblem[] } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const message = `is not JSON (${(error as Error).message}).`;
    return { checks: [], problems: [{ file, message, fix: 'write an array of {"query": "…", "answer": "<id>"}.' }] };
  }
  if (!Array.isArray(data))
    return {
      checks: [],
      problems: [
        { file, message: "must be a JSON array.", fix: 'write an array of {"query": "…", "answer": "<id>"}.' },
      ],
    };
  const checks: SearchCheck[] = [];
  const problems: ContentProblem[] = [];
  data.forEach((entry: unknown, i) => {
    const where = `entry ${i + 1}`;
    const { query, answer } = (entry ?? {}) as Record<string, unknown>;
    if (typeof entry !== "object" || typeof query !== "string" || query.trim() === "" || typeof answer !== "string")
      problems.push({ file, message: `${where} is not {"query": "…", "answer": "<question id>"}.` });
    else if (!answers.has(answer))
      problems.push({
        file,
        message: `${where} (${JSON.stringify(query)}) names answer "${answer}", which no question has.`,
        fix: "use the id of a file in content/questions/, or remove the entry if that answer was removed on purpose.",
      });
    else checks.push({ query, answer });
  });
  return { checks, problems };
}

export interface FailedCheck extends SearchCheck {
  /** The first results the content as edited gives (empty: nothing found). */
  found: string[];
}

/** The checks that fail: their answer is not among the first CHECKED_DEPTH results, or nothing is found. */
export function failedChecks(checks: readonly SearchCheck[], resultsOf: (query: string) => string[]): FailedCheck[] {
  return checks.flatMap((check) => {
    const found = resultsOf(check.query).slice(0, CHECKED_DEPTH);
    return found.includes(check.answer) ? [] : [{ ...check, found }];
  });
}

/** What `npm run check` says about a failed check. */
export function failureMessage(failure: FailedCheck): string {
  return failure.found.length === 0
    ? `${JSON.stringify(failure.query)} now finds nothing; readers open ${failure.answer} from it.`
    : `${JSON.stringify(failure.query)} no longer has ${failure.answer} in its first ${CHECKED_DEPTH} results (it finds ${failure.found.join(", ")}).`;
}

/** One popular query's clicks in the period. */
export interface QueryClicks {
  query: string;
  readers: number;
  clicks: ReadonlyMap<string, number>;
}

/**
 * The checks the dashboard exports: each popular query whose most-opened answer takes a clear share of its
 * clicks and is found within the first results today (a check that fails already guards nothing), by query.
 */
export function checksFrom(rows: readonly QueryClicks[], resultsOf: (query: string) => string[]): SearchCheck[] {
  const checks: SearchCheck[] = [];
  for (const row of rows) {
    if (row.readers < MIN_CHECK_READERS) continue;
    let total = 0;
    let best: { answer: string; clicks: number } | undefined;
    for (const [answer, clicks] of row.clicks) {
      total += clicks;
      if (!best || clicks > best.clicks || (clicks === best.clicks && answer < best.answer)) best = { answer, clicks };
    }
    if (!best || best.clicks < MIN_ANSWER_SHARE * total) continue;
    if (!resultsOf(row.query).slice(0, CHECKED_DEPTH).includes(best.answer)) continue;
    checks.push({ query: row.query, answer: best.answer });
  }
  return checks.sort((a, b) => a.query.localeCompare(b.query));
}
