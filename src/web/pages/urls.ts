/** Where a reader came to the contact page from; each part only when it names something that exists. */
export interface ContactFrom {
  question?: string | undefined;
  code?: string | undefined;
  q?: string | undefined;
}

function withFrom(path: string, from: ContactFrom): string {
  const query = new URLSearchParams();
  if (from.question !== undefined) query.set("question", from.question);
  if (from.code !== undefined) query.set("code", from.code);
  if (from.q !== undefined && from.q !== "") query.set("q", from.q);
  const text = query.toString();
  return text === "" ? path : `${path}?${text}`;
}

/** The one place that knows the site's URL shapes. */
export const urls = {
  home: () => "/",
  category: (id: string) => `/categories/${encodeURIComponent(id)}`,
  question: (id: string) => `/questions/${encodeURIComponent(id)}`,
  /** Page 1 is the category's own URL; a long category continues on /categories/<id>/page/<n>. */
  categoryPage: (id: string, page: number) => (page <= 1 ? urls.category(id) : `${urls.category(id)}/page/${page}`),
  /** A question's full answer in its category's listing, on the page that holds it. */
  questionAnchor: (categoryId: string, questionId: string, page = 1) =>
    `${urls.categoryPage(categoryId, page)}#${encodeURIComponent(questionId)}`,
  /** The contact page: a few answers first, then the office's channel. */
  contact: (from: ContactFrom = {}) => withFrom("/contact", from),
  /** The counted link to the office's channel: records one contact, then a 303 to the channel. */
  contactGo: (from: ContactFrom = {}) => withFrom("/contact/go", from),
  search: (query?: string) => (query === undefined ? "/search" : `/search?q=${encodeURIComponent(query)}`),
};
