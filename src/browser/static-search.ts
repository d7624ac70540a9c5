// The search of the static export: the server's own engine, bundled by esbuild, over a JSON index.
// It gives site.js the same answers /api/search gives, and renders /search/ in the browser.
import { SITE_NAME } from "../web/pages/site-name.js";
import { element, resultItem } from "./result-list.js";
import {
  analyseQuery,
  deserialiseIndex,
  highlight,
  search,
  snippet,
  type SearchIndex,
  type SerialisedIndex,
} from "../search/index.js";

export interface ExportedDocument {
  title: string;
  url: string;
  anchorUrl: string;
  category: { id: string; title: string };
  text: string;
}

export interface ExportedIndex {
  index: SerialisedIndex;
  /** Aligned with index.ids. */
  docs: ExportedDocument[];
}

let loading: Promise<{ index: SearchIndex; docs: ExportedDocument[] }> | undefined;
const load = () =>
  (loading ??= fetch("/search-index.json")
    .then((response) => response.json() as Promise<ExportedIndex>)
    .then((exported) => ({ index: deserialiseIndex(exported.index), docs: exported.docs })));

async function find(query: string, limit: number) {
  const { index, docs } = await load();
  const analysed = analyseQuery(index, query);
  const found = search(index, analysed, { limit });
  const results = found.results.flatMap((result) => {
    const doc = docs[index.ids.indexOf(result.id)];
    return doc ? [{ id: result.id, ...doc, score: result.score, codeMatch: result.codeMatch }] : [];
  });
  return { analysed, query, total: found.total, results };
}

window.faqSearch = async (query, limit) => {
  const { total, results } = await find(query, limit);
  return {
    query,
    total,
    results: results.map(({ id, title, url, anchorUrl, category, text, score }) => ({
      id,
      title,
      url,
      anchorUrl,
      category,
      snippet: text.slice(0, 120),
      score,
    })),
  };
};

/** /search/?q=…: the server renders this page per query; here the browser does, with the same engine. */
async function renderResultsPage(): Promise<void> {
  const query = (new URLSearchParams(window.location.search).get("q") ?? "").trim().slice(0, 200);
  const main = document.querySelector("main");
  if (!query || !main) return;
  for (const input of document.querySelectorAll<HTMLInputElement>('input[name="q"]')) input.value = query;
  const heading = main.querySelector("h1");
  if (heading) heading.textContent = `「${query}」の検索結果`;
  document.title = `「${query}」の検索結果 | ${SITE_NAME}`;
  const { analysed, total, results } = await find(query, 10);
  const form = main.querySelector("form");
  const anchor = form?.nextSibling ?? null;
  if (total === 0) {
    main.insertBefore(element("p", "search-count", `「${query}」に一致するご質問は見つかりませんでした。`), anchor);
    return;
  }
  const list = element("ol", "search-results");
  results.forEach((result, i) => {
    list.append(resultItem(result, highlight(result.title, analysed), snippet(result.text, analysed), i + 1));
  });
  const count = element("p", "search-count", `${total.toLocaleString("ja-JP")} 件のご質問が見つかりました`);
  count.setAttribute("role", "status");
  main.insertBefore(count, anchor);
  main.insertBefore(list, anchor);
  // The ways in (error codes, categories) stay below for a reader who did not find it.
}

if (/^\/search\/?$/.test(window.location.pathname)) void renderResultsPage();
