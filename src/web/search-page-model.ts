import type { Content } from "../content/types.js";
import { categoriesWithQuestions, errorCodeQuestions, SITE_NAME, type PageModel } from "./page-models.js";
import type { SearchOutcome } from "./run-search.js";
import { urls } from "./urls.js";

/** The results page; with no outcome (no query yet, or an invalid one) it is just the search form and the ways in. */
export function searchPage(content: Content, outcome: SearchOutcome | undefined, error?: string): PageModel {
  const query = outcome?.query ?? "";
  const heading = outcome ? `「${query}」の検索結果` : "ご質問を検索";
  return {
    template: "search",
    status: error ? 400 : 200,
    title: `${heading} | ${SITE_NAME}`,
    description: "HP Advantageplus よくあるご質問の検索結果です。",
    path: outcome ? urls.search(query) : urls.search(),
    breadcrumb: [{ label: "ホーム", href: urls.home() }, { label: "検索" }],
    query,
    data: {
      heading,
      error,
      query,
      total: outcome?.total ?? 0,
      hits: outcome?.hits ?? [],
      featured: outcome?.featured
        ? { ...outcome.featured, url: urls.question(outcome.featured.id) }
        : undefined,
      noResults: outcome !== undefined && outcome.total === 0,
      categories: categoriesWithQuestions(content),
      errorCodes: errorCodeQuestions(content),
    },
    noindex: true,
  };
}
