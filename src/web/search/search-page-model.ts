import type { Content } from "../../content/types.js";
import {
  categoriesWithQuestions,
  contactUrl,
  errorCodeQuestions,
  readableCount,
  SITE_NAME,
} from "../pages/page-models.js";
import { urls } from "../pages/urls.js";
import type { PageModel } from "../pages/view-contract.js";
import type { Suggestion } from "../../search/index.js";
import type { SearchOutcome } from "./run-search.js";

/** The results page; with no outcome (no query yet, or an invalid one) it is just the search form and the ways in. */
export function searchPage(
  content: Content,
  outcome: SearchOutcome | undefined,
  refusal?: { status: number; message: string },
): PageModel<"search"> {
  const query = outcome?.query ?? "";
  const heading = outcome ? `「${query}」の検索結果` : "ご質問を検索";
  return {
    template: "search",
    status: refusal?.status ?? 200,
    title: `${heading} | ${SITE_NAME}`,
    description: `${SITE_NAME}の検索結果です。`,
    path: outcome ? urls.search(query) : urls.search(),
    breadcrumb: [{ label: "ホーム", href: urls.home() }, { label: "検索" }],
    query,
    data: {
      heading,
      error: refusal?.message,
      query,
      total: outcome?.total ?? 0,
      totalText: readableCount(outcome?.total ?? 0),
      ...shortList(outcome),
      noResults: outcome !== undefined && outcome.total === 0,
      didYouMean: didYouMean(outcome?.suggestion),
      categories: categoriesWithQuestions(content),
      errorCodes: errorCodeQuestions(content),
      contactUrl: contactUrl(content, outcome ? { q: query } : {}),
    },
    noindex: true,
  };
}

const FEATURED_LABEL = { code: "エラーコードに一致する回答", confident: "最も当てはまる回答" } as const;

/**
 * The short list: the answer that clearly wins, in full, then the rest as 「その他の候補」; or, when none
 * wins, the ranked list. Positions are as the reader sees them, for the click beacon.
 */
function shortList(outcome: SearchOutcome | undefined) {
  const featured = outcome?.featured;
  const hits = (outcome?.hits ?? []).filter((hit) => hit.id !== featured?.id);
  const offset = featured ? 2 : 1;
  return {
    featured:
      featured && outcome?.featuredBy
        ? { ...featured, url: urls.question(featured.id), label: FEATURED_LABEL[outcome.featuredBy] }
        : undefined,
    hits: hits.map((hit, i) => ({ ...hit, position: i + offset })),
  };
}

function didYouMean(suggestion: Suggestion | undefined) {
  if (!suggestion) return undefined;
  if (suggestion.kind === "spelling")
    return { kind: "spelling" as const, query: suggestion.query, url: urls.search(suggestion.query), codes: [] };
  return { kind: "unknownCode" as const, query: suggestion.code, url: "", codes: suggestion.knownCodes };
}
