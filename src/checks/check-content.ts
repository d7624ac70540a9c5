import { ContentError } from "../content/content-error.js";
import { reviewsDue, reviewWarning } from "../content/freshness.js";
import { loadContent } from "../content/load-content.js";
import type { Content } from "../content/types.js";
import { dayOf } from "../analytics/day.js";
import { contentReader } from "../suggestions/content-files.js";
import { firstResults } from "../suggestions/current-suggestions.js";
import { failedChecks, failureMessage, parseSearchChecks, SEARCH_CHECKS_FILE } from "../suggestions/search-checks.js";
import { searchIndexOf } from "../web/search/documents-from-content.js";

export interface CheckReport {
  content: Content;
  /** Reviews due: warnings, errors with `strict`. */
  reviews: string[];
  /** How many search checks ran (undefined: no search-checks.json). */
  searchChecks: number | undefined;
  /** Search checks that fail: always errors. */
  failures: string[];
}

/**
 * `npm run check`, and the validation after `npm run suggestions -- --apply`: the content as the server would
 * load it (a ContentError otherwise), the answers due for review, and every search check against the content
 * as it now is.
 */
export async function checkContent(dir: string, now = Date.now()): Promise<CheckReport> {
  const content = await loadContent(dir);
  const today = dayOf(now);
  const reviews = reviewsDue(content.questions, today).map((due) => reviewWarning(due, today));
  const text = contentReader(dir)(SEARCH_CHECKS_FILE);
  if (text === undefined) return { content, reviews, searchChecks: undefined, failures: [] };
  const { checks, problems } = parseSearchChecks(text, SEARCH_CHECKS_FILE, new Set(content.questionById.keys()));
  if (problems.length > 0) throw new ContentError(dir, problems);
  const failures = failedChecks(checks, firstResults(searchIndexOf(content))).map(
    (f) => `${SEARCH_CHECKS_FILE}: ${failureMessage(f)}`,
  );
  return { content, reviews, searchChecks: checks.length, failures };
}

/** The report as lines for a terminal, and whether it passes (`strict`: a review due fails it too). */
export function reportLines(dir: string, report: CheckReport, strict: boolean): { lines: string[]; ok: boolean } {
  const { content } = report;
  const lines = [
    `OK: ${content.questions.length} questions in ${content.categories.length} categories, ${content.synonyms.length} synonym groups (${dir}).`,
  ];
  const { contact } = content;
  lines.push(
    contact
      ? `Contact: ${contact.name}, ${[contact.email, contact.url].filter(Boolean).join(" and ")}.`
      : "Contact: none (no contact.md with an email or url), so the site shows no contact link.",
  );
  for (const review of report.reviews) lines.push(`${strict ? "Error" : "Warning"}: ${review}`);
  if (report.searchChecks !== undefined)
    lines.push(
      report.failures.length === 0
        ? `Search checks: all ${report.searchChecks} hold.`
        : `Search checks: ${report.failures.length} of ${report.searchChecks} fail.`,
    );
  for (const failure of report.failures) lines.push(`Error: ${failure}`);
  return { lines, ok: report.failures.length === 0 && (!strict || report.reviews.length === 0) };
}
