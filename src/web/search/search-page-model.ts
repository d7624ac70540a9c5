import type { Content } from "../../content/types.js";
import { categoriesWithQuestions, errorCodeQuestions, SITE_NAME } from "../pages/page-models.js";
import { urls } from "../pages/urls.js";
import type { PageModel } from "../pages/view-contract.js";
import type { SearchOutcome } from "./run-search.js";

/** The results page; with no outcome (no query yet, or an invalid one) it is just the search form and the ways in. */
export function searchPage(content: Content, outcome: SearchOutcome | undefined, refusal?: { status: 400 | 429; message: string }): PageModel<"search"> {
  const query = outcome?.query ?? "";
  const heading = outcome ? `「${query}」の検索結果` : "ご質問を検索";
  return {
    template: "search",
    status: refusal?.status ?? 200,
    title: `${heading} | ${SITE_NAME}`,
    description: "HP Advantageplus よくあるご質問の検索結果です。",
    path: outcome ? urls.search(query) : urls.search(),
    breadcrumb: [{ label: "ホーム", href: urls.home() }, { label: "検索" }],
    query,
    data: {
      heading,
      error: refusal?.message,
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
