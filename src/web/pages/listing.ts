import type { Content, Question } from "../../content/types.js";
import { urls } from "./urls.js";

/** Full answers on one category page; a larger category continues on /categories/<id>/page/2 and on. */
export const ANSWERS_PER_PAGE = 25;
/** Questions the home page lists under each category; the rest are one link away. */
export const HOME_QUESTIONS_PER_CATEGORY = 10;

/** How the questions are spread over the listing pages, worked out once per content load. */
export interface Listing {
  questionsOf(categoryId: string): readonly Question[];
  /** Pages of the category's listing: at least 1, even when empty. */
  pageCount(categoryId: string): number;
  /** The category page (1-based) that holds the question's full answer. */
  pageOf(questionId: string): number;
  /** The question's place (0-based) in its category's list. */
  positionOf(questionId: string): number;
  /** The questions on one page of a category's listing. */
  page(categoryId: string, page: number): readonly Question[];
  /** Where a question's full answer is in its category's listing: the page, and the anchor on it. */
  anchorUrl(question: Question): string;
}

const listings = new WeakMap<Content, Listing>();

export function listingOf(content: Content): Listing {
  let listing = listings.get(content);
  if (listing) return listing;
  const byCategory = new Map<string, Question[]>(content.categories.map((category) => [category.id, []]));
  const pageByQuestion = new Map<string, number>();
  const positionByQuestion = new Map<string, number>();
  // content.questions is sorted by category, then order: each category's list keeps that order.
  for (const question of content.questions) {
    const list = byCategory.get(question.category);
    if (!list) continue;
    positionByQuestion.set(question.id, list.length);
    list.push(question);
    pageByQuestion.set(question.id, Math.ceil(list.length / ANSWERS_PER_PAGE));
  }
  const questionsOf = (categoryId: string) => byCategory.get(categoryId) ?? [];
  listing = {
    questionsOf,
    pageCount: (categoryId) => Math.max(1, Math.ceil(questionsOf(categoryId).length / ANSWERS_PER_PAGE)),
    pageOf: (questionId) => pageByQuestion.get(questionId) ?? 1,
    positionOf: (questionId) => positionByQuestion.get(questionId) ?? -1,
    page: (categoryId, page) => questionsOf(categoryId).slice((page - 1) * ANSWERS_PER_PAGE, page * ANSWERS_PER_PAGE),
    anchorUrl: (question) => urls.questionAnchor(question.category, question.id, pageByQuestion.get(question.id) ?? 1),
  };
  listings.set(content, listing);
  return listing;
}
