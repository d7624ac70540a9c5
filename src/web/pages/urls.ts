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
  search: (query?: string) => (query === undefined ? "/search" : `/search?q=${encodeURIComponent(query)}`),
};
