// The result list drawn in the browser: the header's suggestions and the static export's results page.
// The server's results page (views/search.ejs) uses the same class names.

/** One result as /api/search (and the static export's engine) gives it. */
export interface ApiResult {
  id: string;
  title: string;
  url: string;
  category: { id: string; title: string };
  snippet?: string;
}

/** What /api/search answers, and what the static export's engine gives in its place. */
export interface ApiAnswer {
  total: number;
  results: ApiResult[];
}

declare global {
  interface Window {
    /** On the static export there is no /api/search: static-search.js gives the same answers in the page. */
    faqSearch?: (query: string, limit: number) => Promise<ApiAnswer>;
  }
}

/** A run of text, marked where it matched the query. */
export interface Segment {
  text: string;
  mark: boolean;
}

export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className: string,
  ...children: Array<Node | string>
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  node.append(...children);
  return node;
}

/** Text with its matches in <mark>, never as markup: every piece is a text node. */
export function marked(segments: readonly Segment[]): DocumentFragment {
  const fragment = document.createDocumentFragment();
  for (const segment of segments) fragment.append(segment.mark ? element("mark", "", segment.text) : segment.text);
  return fragment;
}

/** A suggestion of the header's search box: the title and its category, an option of the listbox. */
export function suggestionOption(result: ApiResult, index: number): HTMLLIElement {
  const option = element(
    "li",
    "suggestions__option",
    element("span", "suggestions__title", result.title),
    element("span", "suggestions__category", result.category.title),
  );
  option.id = `header-search-option-${index}`;
  option.setAttribute("role", "option");
  option.setAttribute("aria-selected", "false");
  option.dataset.url = result.url;
  option.dataset.id = result.id;
  return option;
}

/** A result of a results page: linked title, category and snippet, their matches marked. */
export function resultItem(
  result: ApiResult,
  title: readonly Segment[],
  snippet: readonly Segment[],
  position: number,
): HTMLLIElement {
  const link = element("a", "", marked(title));
  link.href = result.url;
  link.dataset.resultId = result.id;
  link.dataset.position = String(position);
  return element(
    "li",
    "search-result",
    element("h2", "search-result__title", link),
    element("p", "search-result__category", result.category.title),
    element("p", "search-result__snippet", marked(snippet)),
  );
}
