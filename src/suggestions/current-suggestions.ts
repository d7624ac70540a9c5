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
  dismissed: ReadonlySet<string> = new Set(),
): Promise<Suggestion[]> {
  const evidence = await store.evidence(period);
  const first = firstResults(index, 1);
  return mineSuggestions({
    rewrites: evidence.rewrites,
    unanswered: evidence.unanswered,
    readersOf: (query) => evidence.readers.get(query) ?? 0,
    firstResultOf: remembered((query) => first(query)[0]),
    knows: remembered((word) => search(index, word, { limit: 1 }).total > 0),
    answerHas: answerWords(content),
    synonyms: content.synonyms,
    dismissed,
  });
}

/**
 * `work` done once per text for as long as the returned function lives: a mining searches each query once
 * (thousands of rewrites share a few hundred queries and words), a page reads each content file once.
 */
export function remembered<T>(work: (text: string) => T): (text: string) => T {
  const answers = new Map<string, T>();
  return (text) => {
    if (!answers.has(text)) answers.set(text, work(text));
    return answers.get(text) as T;
  };
}

const squash = (text: string) => text.normalize("NFKC").toLowerCase().replace(/\s+/g, "");

/** Whether an answer's title, keywords or text holds a word, compared width- and case-folded, without spaces. */
export function answerWords(content: Content): (question: string, word: string) => boolean {
  const texts = new Map<string, string>();
  const answers = new Map<string, boolean>();
  return (id, word) => {
    const key = `${id}\u0000${word}`;
    let has = answers.get(key);
    if (has !== undefined) return has;
    let text = texts.get(id);
    if (text === undefined) {
      const question = content.questionById.get(id);
      text = question ? squash([question.title, ...question.keywords, question.text].join(" ")) : "";
      texts.set(id, text);
    }
    answers.set(key, (has = text.includes(squash(word))));
    return has;
  };
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
