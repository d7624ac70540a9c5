/** The one place that knows the site's URL shapes. */
export const urls = {
  home: () => "/",
  category: (id: string) => `/categories/${encodeURIComponent(id)}`,
  question: (id: string) => `/questions/${encodeURIComponent(id)}`,
  questionAnchor: (categoryId: string, questionId: string) => `${urls.category(categoryId)}#${encodeURIComponent(questionId)}`,
  search: (query?: string) => (query === undefined ? "/search" : `/search?q=${encodeURIComponent(query)}`),
};
