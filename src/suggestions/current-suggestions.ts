import type { Period } from "../admin/report-math.js";
import type { Content } from "../content/types.js";
import { search, type SearchIndex } from "../search/index.js";
import { mineSuggestions, type Suggestion } from "./mine.js";
import type { Decision, SuggestionStore } from "./suggestion-store.js";

/** The ids of the first results the index gives a query, as the suggestions and the checks compare them. */
export function firstResults(index: SearchIndex, depth = 3): (query: string) => string[] {
  return (query) => search(index, query, { limit: depth }).results.map((r) => r.id);
}

/** The suggestions the period's evidence supports against the content as it is served now. */
export async function currentSuggestions(
  store: SuggestionStore,
  period: Period,
  content: Content,
  index: SearchIndex,
): Promise<Suggestion[]> {
  const evidence = await store.evidence(period);
  const first = firstResults(index, 1);
  return mineSuggestions({
    rewrites: evidence.rewrites,
    unanswered: evidence.unanswered,
    readersOf: (query) => evidence.readers.get(query) ?? 0,
    firstResultOf: (query) => first(query)[0],
    synonyms: content.synonyms,
  });
}

/** The suggestions still to decide, and the decided ones by status. */
export function sortedByDecision(suggestions: readonly Suggestion[], decisions: readonly Decision[]) {
  const decided = new Set(decisions.map((d) => d.id));
  return {
    open: suggestions.filter((s) => !decided.has(s.id)),
    accepted: decisions.filter((d) => d.status === "accepted"),
    dismissed: decisions.filter((d) => d.status === "dismissed"),
  };
}
