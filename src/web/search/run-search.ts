import type { Content, Question } from "../../content/types.js";
import {
  analyseQuery,
  highlight,
  search,
  snippet,
  suggest,
  type SearchIndex,
  type Suggestion,
} from "../../search/index.js";
import { listingOf } from "../pages/listing.js";
import { urls } from "../pages/urls.js";
import type { SearchHit } from "../pages/view-contract.js";

export interface SearchOutcome {
  query: string;
  total: number;
  hits: SearchHit[];
  /** The answer that clearly wins, shown in full above the other candidates. */
  featured: Question | undefined;
  /** Why it wins: its error code is the one asked for, or its score far exceeds the rest. */
  featuredBy: "code" | "confident" | undefined;
  /** For a search that found nothing: the closest known word, or that the error code does not exist. */
  suggestion: Suggestion | undefined;
}

/** Runs one query and joins the engine's ids back to the content the pages and the API show. */
export function runSearch(content: Content, index: SearchIndex, query: string, limit: number): SearchOutcome {
  const analysed = analyseQuery(index, query);
  const found = search(index, analysed, { limit });
  const hits = found.results.flatMap((result): SearchHit[] => {
    const question = content.questionById.get(result.id);
    const category = question && content.categoryById.get(question.category);
    if (!question || !category) return [];
    return [
      {
        id: question.id,
        title: question.title,
        url: urls.question(question.id),
        anchorUrl: listingOf(content).anchorUrl(question),
        category: { id: category.id, title: category.title },
        score: Math.round(result.score * 1000) / 1000,
        titleSegments: highlight(question.title, analysed),
        snippetSegments: snippet(question.text, analysed),
      },
    ];
  });
  const first = found.results[0];
  // One answer clearly wins when its error code is the one asked for, or when it far outscores the rest.
  const featuredBy = first?.codeMatch ? "code" : first && found.confident ? "confident" : undefined;
  const featured = featuredBy && first ? content.questionById.get(first.id) : undefined;
  // "Did you mean": worked out only for a search that found nothing.
  const suggestion = found.total === 0 ? suggest(index, query) : undefined;
  return { query, total: found.total, hits, featured, featuredBy: featured ? featuredBy : undefined, suggestion };
}

/** The JSON shape of /api/search: plain strings, never markup. */
export function toApiResponse(outcome: SearchOutcome) {
  return {
    query: outcome.query,
    total: outcome.total,
    results: outcome.hits.map((hit) => ({
      id: hit.id,
      title: hit.title,
      url: hit.url,
      anchorUrl: hit.anchorUrl,
      category: hit.category,
      snippet: hit.snippetSegments.map((segment) => segment.text).join(""),
      score: hit.score,
    })),
  };
}
