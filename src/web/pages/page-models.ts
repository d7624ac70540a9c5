import { SITE_NAME } from "./site-name.js";
import type { Category, Content, Question } from "../../content/types.js";
import { firstSentence } from "../../content/first-sentence.js";
import { breadcrumbLd, faqPageLd, organizationLd, websiteLd } from "../seo/json-ld.js";
import { ANSWERS_PER_PAGE, HOME_QUESTIONS_PER_CATEGORY, listingOf } from "./listing.js";
import { type ContactFrom, urls } from "./urls.js";
import { MAX_COMMENT_CHARS, REASONS } from "../../feedback/reasons.js";
import type {
  CategoryWithQuestions,
  ErrorCodeLink,
  FeedbackWidget,
  PageModel,
  Pagination,
  QuestionLink,
} from "./view-contract.js";

export { SITE_NAME };

export const link = (question: Question): QuestionLink => ({
  id: question.id,
  title: question.title,
  url: urls.question(question.id),
});

/** Each category with its first questions and how many it has: a listing that stays short at any size. */
export function categoriesWithQuestions(content: Content): CategoryWithQuestions[] {
  const listing = listingOf(content);
  return content.categories.map((category) => {
    const all = listing.questionsOf(category.id);
    return {
      category,
      url: urls.category(category.id),
      questions: all.slice(0, HOME_QUESTIONS_PER_CATEGORY).map(link),
      count: all.length,
      countText: readableCount(all.length),
      more: all.length > HOME_QUESTIONS_PER_CATEGORY,
    };
  });
}

/** Page links around the current one: the first, the last, and two either side; gaps between. */
export function pagination(categoryId: string, current: number, count: number): Pagination | undefined {
  const total = Math.max(1, Math.ceil(count / ANSWERS_PER_PAGE));
  if (total <= 1) return undefined;
  const shown = [...new Set([1, current - 2, current - 1, current, current + 1, current + 2, total])]
    .filter((n) => n >= 1 && n <= total)
    .sort((a, b) => a - b);
  const pages: Pagination["pages"] = [];
  for (const number of shown) {
    const last = pages.at(-1);
    if (last && !last.gap && number > last.number + 1) pages.push({ gap: true });
    pages.push({ gap: false, number, url: urls.categoryPage(categoryId, number), current: number === current });
  }
  return {
    current,
    total,
    from: (current - 1) * ANSWERS_PER_PAGE + 1,
    to: Math.min(count, current * ANSWERS_PER_PAGE),
    count,
    countText: readableCount(count),
    previous: current > 1 ? urls.categoryPage(categoryId, current - 1) : undefined,
    next: current < total ? urls.categoryPage(categoryId, current + 1) : undefined,
    pages,
  };
}

/** A count as a reader reads it: 3,319 rather than 3319, wherever the site shows one. */
export function readableCount(count: number): string {
  return count.toLocaleString("ja-JP");
}

const codeLinks = new WeakMap<Content, ErrorCodeLink[]>();

/** The questions that answer an error code. Every search results page lists them: found once per content, not per page. */
export function errorCodeQuestions(content: Content): ErrorCodeLink[] {
  let found = codeLinks.get(content);
  if (!found) {
    found = content.questions
      .filter((question) => question.codes.length > 0)
      .map((question) => ({
        ...link(question),
        codeLabel: question.codes.join(" / "),
        cause: leadSentence(question.text),
      }));
    codeLinks.set(content, found);
  }
  return found;
}

export function homePage(content: Content): PageModel<"home"> {
  return {
    template: "home",
    status: 200,
    title: SITE_NAME,
    description:
      "HP Advantageplus の HP アカウント、パスワード、アカウント統合、アクセスエラー（AE01〜AE06）に関するよくあるご質問と回答です。",
    path: urls.home(),
    breadcrumb: [],
    query: "",
    data: { categories: categoriesWithQuestions(content), errorCodes: errorCodeQuestions(content) },
    jsonLd: (siteUrl) => [websiteLd(siteUrl, SITE_NAME), organizationLd(siteUrl)],
  };
}

/** The contact page's link from here, when the content names the office's channel; else none anywhere. */
export function contactUrl(content: Content, from: ContactFrom = {}): string | undefined {
  return content.contact ? urls.contact(from) : undefined;
}

/** From an answer: the answer, and the error code it is about. */
const fromAnswer = (question: Question): ContactFrom => ({ question: question.id, code: question.codes[0] });

/** The feedback widget when readers' feedback is collected; undefined hides it (ANALYTICS=off, the static export). */
export function feedbackWidget(enabled: boolean): FeedbackWidget | undefined {
  return enabled ? { reasons: REASONS, maxComment: MAX_COMMENT_CHARS } : undefined;
}

const relatedLinks = (content: Content, question: Question): QuestionLink[] =>
  question.related.flatMap((id) => {
    const other = content.questionById.get(id);
    return other ? [link(other)] : [];
  });

/** One page of a category's listing: its full answers, ANSWERS_PER_PAGE at most, and links to the other pages. */
export function categoryPage(
  content: Content,
  category: Category,
  feedback?: FeedbackWidget,
  page = 1,
): PageModel<"category"> {
  const listing = listingOf(content);
  const count = listing.questionsOf(category.id).length;
  const questions = listing.page(category.id, page).map((question) => ({
    ...link(question),
    html: question.html,
    anchorUrl: urls.questionAnchor(category.id, question.id, page),
    related: relatedLinks(content, question),
    contactUrl: contactUrl(content, fromAnswer(question)),
  }));
  const paged = pagination(category.id, page, count);
  return {
    template: "category",
    status: 200,
    title: paged
      ? `${category.title}（${page} / ${paged.total} ページ） | ${SITE_NAME}`
      : `${category.title} | ${SITE_NAME}`,
    description: category.description,
    path: urls.categoryPage(category.id, page),
    breadcrumb: [{ label: "ホーム", href: urls.home() }, { label: category.title }],
    query: "",
    data: { category, questions, feedback, pagination: paged, count },
    jsonLd(siteUrl) {
      return [breadcrumbLd(siteUrl, this.breadcrumb, this.path), faqPageLd(questions)];
    },
  };
}

export function questionPage(content: Content, question: Question, feedback?: FeedbackWidget): PageModel<"question"> {
  const category = content.categoryById.get(question.category);
  if (!category) throw new Error(`Question ${question.id} names unknown category ${question.category}`);
  const listing = listingOf(content);
  const siblings = listing.questionsOf(question.category);
  const index = listing.positionOf(question.id);
  const previous = siblings[index - 1];
  const next = siblings[index + 1];
  const related = relatedLinks(content, question);
  return {
    template: "question",
    status: 200,
    title: `${question.title} | ${SITE_NAME}`,
    description: summarise(question.text),
    path: urls.question(question.id),
    breadcrumb: [
      { label: "ホーム", href: urls.home() },
      { label: category.title, href: urls.category(category.id) },
      { label: question.title },
    ],
    query: "",
    data: {
      question,
      feedback,
      category: { ...category, url: urls.category(category.id) },
      anchorUrl: listingOf(content).anchorUrl(question),
      related,
      previous: previous ? link(previous) : undefined,
      next: next ? link(next) : undefined,
      updated: question.updated === undefined ? undefined : readableDate(question.updated),
      contactUrl: contactUrl(content, fromAnswer(question)),
    },
    jsonLd(siteUrl) {
      return [breadcrumbLd(siteUrl, this.breadcrumb, this.path)];
    },
  };
}

/** After a vote sent without JavaScript: thanks (and, after いいえ, the reason form and the next step), or why it was refused. */
export function feedbackPage(
  content: Content,
  outcome: { question: Question | undefined; status: number; message: string; askReason: boolean; refused: boolean },
): PageModel<"feedback"> {
  const question = outcome.question;
  const heading = outcome.refused ? "送信できませんでした" : "ご協力ありがとうございました";
  return {
    template: "feedback",
    status: outcome.status,
    title: `${heading} | ${SITE_NAME}`,
    description: "回答の評価を受け付けました。",
    path: "",
    breadcrumb: question
      ? [
          { label: "ホーム", href: urls.home() },
          { label: question.title, href: urls.question(question.id) },
          { label: "回答の評価" },
        ]
      : [{ label: "ホーム", href: urls.home() }, { label: "回答の評価" }],
    query: "",
    data: {
      heading,
      refused: outcome.refused,
      message: outcome.message,
      question: question ? link(question) : undefined,
      askReason: outcome.askReason,
      widget: { reasons: REASONS, maxComment: MAX_COMMENT_CHARS },
      // The next step after a refusal is to try again, not to read on.
      related: question && !outcome.refused ? relatedLinks(content, question) : [],
      contactUrl: contactUrl(content, question ? fromAnswer(question) : {}),
    },
    noindex: true,
  };
}

export function notFoundPage(content: Content, options: { unknownCode?: string } = {}): PageModel<"not-found"> {
  return {
    template: "not-found",
    status: 404,
    title: `ページが見つかりません | ${SITE_NAME}`,
    description: "お探しのページは見つかりませんでした。",
    path: "",
    breadcrumb: [{ label: "ホーム", href: urls.home() }, { label: "ページが見つかりません" }],
    query: "",
    data: {
      unknownCode: options.unknownCode,
      categories: categoriesWithQuestions(content),
      errorCodes: errorCodeQuestions(content),
    },
    noindex: true,
  };
}

export function badRequestPage(status = 400, message?: string): PageModel<"bad-request"> {
  return {
    template: "bad-request",
    status,
    title: `リクエストが正しくありません | ${SITE_NAME}`,
    description: "リクエストの形式が正しくありません。",
    path: "",
    breadcrumb: [{ label: "ホーム", href: urls.home() }, { label: "リクエストが正しくありません" }],
    query: "",
    data: { message },
    noindex: true,
  };
}

export function serverErrorPage(requestId = ""): PageModel<"server-error"> {
  return {
    template: "server-error",
    status: 500,
    title: `エラーが発生しました | ${SITE_NAME}`,
    description: "一時的なエラーが発生しました。",
    path: "",
    breadcrumb: [{ label: "ホーム", href: urls.home() }, { label: "エラー" }],
    query: "",
    data: { requestId },
    noindex: true,
  };
}

/** 2026-11-24 as a Japanese reader writes it: 2026年11月24日. */
export function readableDate(day: string): { text: string; iso: string } {
  const [year, month, date] = day.split("-").map(Number);
  return { text: `${year}年${month}月${date}日`, iso: day };
}

/** Longest lead shown on an error-code tile before it is cut at a clause. */
const MAX_LEAD = 80;

/**
 * An answer's first sentence, in its own words: what an error code's answer says its cause is. A sentence
 * longer than a tile holds is cut at its last clause (、) that fits.
 */
export function leadSentence(text: string): string {
  const sentence = firstSentence(text);
  if ([...sentence].length <= MAX_LEAD) return sentence;
  const head = [...sentence].slice(0, MAX_LEAD).join("");
  const clause = head.lastIndexOf("、");
  return `${clause > MAX_LEAD / 2 ? head.slice(0, clause) : head}…`;
}

/** A meta description: the answer's first sentences, cut at a sentence end where possible. */
export function summarise(text: string, maxChars = 120): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= maxChars) return flat;
  const cut = flat.slice(0, maxChars);
  const end = cut.lastIndexOf("。");
  return end > maxChars / 2 ? cut.slice(0, end + 1) : `${cut}…`;
}
