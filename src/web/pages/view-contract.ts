import type { Category, Question } from "../../content/types.js";
import type { Segment } from "../../search/index.js";

/**
 * What each template in views/ is given. The set of names is closed: a page model can only name a
 * template listed here, and the template compiler refuses to start when one of them has no file.
 */
export interface TemplateData {
  home: { categories: CategoryWithQuestions[]; errorCodes: ErrorCodeLink[] };
  category: {
    category: Category;
    /** The full answers on this page of the listing. */
    questions: CategoryQuestion[];
    feedback: FeedbackWidget | undefined;
    /** Links to the listing's other pages; undefined when it has one page. */
    pagination: Pagination | undefined;
    /** Questions in the whole category. */
    count: number;
  };
  question: {
    question: Question;
    feedback: FeedbackWidget | undefined;
    category: Category & { url: string };
    anchorUrl: string;
    related: QuestionLink[];
    previous: QuestionLink | undefined;
    next: QuestionLink | undefined;
    /** 更新日, from the front-matter's `updated`. */
    updated: { text: string; iso: string } | undefined;
    /** The contact page, from this answer; undefined when no office channel is configured. */
    contactUrl: string | undefined;
  };
  search: {
    heading: string;
    error: string | undefined;
    query: string;
    total: number;
    /** The count as a reader reads it: 1,062 rather than 1062, as the listings write theirs. */
    totalText: string;
    /** The candidates under the featured answer (or all results when none is featured), with their positions. */
    hits: Array<SearchHit & { position: number }>;
    featured: (Question & { url: string; label: string }) | undefined;
    noResults: boolean;
    /** For a search that found nothing: a nearby spelling to search instead, or the codes that exist. */
    didYouMean: { kind: "spelling" | "unknownCode"; query: string; url: string; codes: string[] } | undefined;
    categories: CategoryWithQuestions[];
    errorCodes: ErrorCodeLink[];
    /** The contact page, carrying the search. */
    contactUrl: string | undefined;
  };
  contact: {
    heading: string;
    office: string;
    hours: string | undefined;
    /** Up to three answers worth reading before writing. */
    answers: QuestionLink[];
    cameFrom: QuestionLink | undefined;
    code: string | undefined;
    /** The button: an e-mail (the address shown, to copy) or the office's form (its host shown). */
    channel: { kind: "email" | "form"; href: string; shown: string };
  };
  "not-found": { unknownCode: string | undefined; categories: CategoryWithQuestions[]; errorCodes: ErrorCodeLink[] };
  feedback: {
    heading: string;
    /** True when the vote was refused: the message then says why. */
    refused: boolean;
    message: string;
    question: QuestionLink | undefined;
    /** After いいえ without a reason yet: the form that adds one. */
    askReason: boolean;
    widget: FeedbackWidget;
    related: QuestionLink[];
    contactUrl: string | undefined;
  };
  "admin/setup": Record<string, never>;
  "admin/login": { csrfToken: string; error: string | undefined; username: string };
  "admin/overview": AdminFrame & {
    /** Error codes spiking now, each with its notice filled in. */
    spikes: Array<{
      code: string;
      lastHour: number;
      baseline: string;
      form: { title: string; body: string; kind: string; scope: string; starts_at: string; ends_at: string };
      editUrl: string;
    }>;
    figures: Array<{ label: string; value: string; change: { text: string; direction: string } }>;
    searchChart: string;
    voteChart: string;
    searchesByDay: Array<{ day: string; searches: number; noResults: number }>;
    votesByDay: Array<{ day: string; helpful: number; notHelpful: number }>;
  };
  "admin/no-results": AdminFrame & {
    rows: Array<{ query: string; searches: number; lastSeen: string; searchUrl: string }>;
  };
  "admin/searches": AdminFrame & {
    rows: Array<{
      query: string;
      searches: number;
      clicks: number;
      clickThroughRate: string;
      noResults: number;
      topAnswer: QuestionLink | undefined;
      rankingSuspect: boolean;
      searchUrl: string;
    }>;
    positions: Array<{ position: number; clicks: number; share: string }>;
  };
  "admin/questions": AdminFrame & {
    sort: string;
    sorts: Array<{ key: string; label: string; url: string; current: boolean }>;
    rows: Array<{
      id: string;
      title: string;
      url: string;
      file: string;
      helpful: number;
      notHelpful: number;
      helpfulRate: string;
      reasons: Array<{ label: string; count: number }>;
      comments: Array<{ day: string; text: string }>;
    }>;
  };
  "admin/contacts": AdminFrame & {
    /** False when content/contact.md names no channel: then nothing is counted. */
    counting: boolean;
    totals: { views: string; contacts: string; contactRate: string; selfServiceScore: string };
    chart: string;
    byDay: Array<{ day: string; views: number; contacts: number; contactRate: string }>;
    answers: Array<{ id: string; title: string; url: string; views: number; contacts: number; contactRate: string }>;
    codes: Array<{ code: string; contacts: number }>;
    withoutAnswer: number;
  };
  "admin/metrics": AdminFrame & {
    definitions: ReadonlyArray<{ name: string; formula: string; counts: string; elsewhere: string; ours: string }>;
  };
  "admin/notices": AdminFrame & {
    rows: NoticeRow[];
    form: NoticeFormView;
  };
  "admin/notice-edit": AdminFrame & { noticeTitle: string; form: NoticeFormView };
  "admin/audit": AdminFrame & {
    entries: Array<{ at: string; actor: string; action: string; target: string; detail: string }>;
  };
  "admin/suggestions": AdminFrame & {
    keywords: SuggestionView[];
    synonyms: SuggestionView[];
    gaps: Array<{ id: string; action: string; query: string; readers: number; searchUrl: string }>;
    /** How many of each kind are not shown (fewer readers than the last one shown). */
    hidden: { keywords: number; synonyms: number; gaps: number };
    accepted: DecidedView[];
    dismissed: DecidedView[];
    /** The accepted suggestions as one patch, when they change anything. */
    patchUrl: string | undefined;
    checksUrl: string;
    reviews: Array<{
      title: string;
      url: string;
      file: string;
      owner: string;
      lastChecked: string;
      since: string;
      helpfulRate: string;
      votes: number;
    }>;
  };
  /** `message`: what was wrong, when the route says; else the line about a malformed address. */
  "bad-request": { message: string | undefined };
  "admin/error": { heading: string; message: string; requestId: string | undefined };
  "server-error": { requestId: string };
}

export type TemplateName = keyof TemplateData;

/** One line of a diff, marked for its colour. */
export interface DiffLine {
  text: string;
  kind: "add" | "del" | "context" | "meta";
}

/** A proposed edit: what it is, who it is for, and the diff it would make (or why it cannot be written). */
export interface SuggestionView {
  id: string;
  /** Where the accept and dismiss buttons post. */
  action: string;
  summary: string;
  readers: number;
  /** The failed searches it comes from (keywords only). */
  queries: string[];
  examples: string[];
  diff: DiffLine[];
  refused: string | undefined;
}

export interface DecidedView {
  id: string;
  action: string;
  summary: string;
  decidedBy: string;
  decidedAt: string;
}

/** What every signed-in dashboard page shows around its report: who, the period, the other reports. */
export interface AdminFrame {
  user: string;
  csrfToken: string;
  days: number;
  periodLabel: string;
  periods: Array<{ days: number; url: string; current: boolean }>;
  nav: Array<{ label: string; url: string; current: boolean }>;
  csvUrl: string | undefined;
}

/** Every page template, checked against views/ when the templates are compiled. */
export const PAGE_TEMPLATES = [
  "home",
  "category",
  "question",
  "search",
  "contact",
  "feedback",
  "admin/setup",
  "admin/login",
  "admin/overview",
  "admin/no-results",
  "admin/searches",
  "admin/questions",
  "admin/contacts",
  "admin/metrics",
  "admin/notices",
  "admin/notice-edit",
  "admin/audit",
  "admin/suggestions",
  "admin/error",
  "not-found",
  "bad-request",
  "server-error",
] as const satisfies readonly TemplateName[];

export interface Crumb {
  label: string;
  href?: string;
}

/** Everything the layout needs besides the page body; built in pages/ so views only loop and escape. */
export interface PageModel<T extends TemplateName = TemplateName> {
  template: T;
  status: number;
  title: string;
  description: string;
  path: string;
  breadcrumb: Crumb[];
  /** The query to keep in the header search box. */
  query: string;
  data: TemplateData[T];
  /** Structured data for search engines, given the site's absolute URL. */
  jsonLd?: (siteUrl: string) => object[];
  /** Pages that answer one request (results, errors) stay out of search engines. */
  noindex?: boolean;
  /** Notices in force whose scope reaches this page, shown at the top of the main content. */
  notices?: NoticeView[];
}

/** A notice on the dashboard's list; content's notices have no edit or end. */
export interface NoticeRow {
  id: string;
  kind: string;
  title: string;
  scope: string;
  period: string;
  state: string;
  editUrl: string | undefined;
  endUrl: string | undefined;
  /** Who made it, or the file it comes from. */
  by: string;
}

/** The notice form: what was typed, and what is wrong with it by field. */
export interface NoticeFormView {
  action: string;
  submit: string;
  values: { title: string; body: string; kind: string; scope: string; starts_at: string; ends_at: string };
  errors: Partial<Record<string, string>>;
  errorList: string[];
  maxTitle: number;
  maxBody: number;
  maxDays: number;
}

/** A notice as a page shows it: in full, or (on the home page, for an error code) one line to its answer. */
export interface NoticeView {
  kind: "info" | "outage";
  /** お知らせ or 障害. */
  label: string;
  title: string;
  segments: Array<{ text: string; href?: string }>;
  /** 「12月6日 18:00 まで」. */
  until: string;
  /** For a line: the answer it is about. */
  href: string | undefined;
  line: boolean;
}

/** Any page, as the renderer takes it: the template name and its data stay paired. */
export type AnyPageModel = { [T in TemplateName]: PageModel<T> }[TemplateName];

export interface QuestionLink {
  id: string;
  title: string;
  url: string;
}

/** An error code's answer as a tile or list item shows it: the code and its cause (the answer's first sentence). */
export type ErrorCodeLink = QuestionLink & { codeLabel: string; cause: string };

export interface CategoryWithQuestions {
  category: Category;
  url: string;
  /** The first few; `more` says the category has others. */
  questions: QuestionLink[];
  count: number;
  /** The count as a reader reads it: 3,319. */
  countText: string;
  more: boolean;
}

export interface Pagination {
  current: number;
  total: number;
  /** The positions (1-based) of the first and last answer on this page, of `count` in the category. */
  from: number;
  to: number;
  count: number;
  /** The count as a reader reads it: 3,319. */
  countText: string;
  previous: string | undefined;
  next: string | undefined;
  /** Page links in order; `gap` marks pages left out between two links. */
  pages: Array<{ gap: false; number: number; url: string; current: boolean } | { gap: true }>;
}

export type CategoryQuestion = QuestionLink & {
  html: string;
  anchorUrl: string;
  related: QuestionLink[];
  contactUrl: string | undefined;
};

/** The 「この回答で問題は解決しましたか？」 widget: the same for every reader, so pages stay prepared. */
export interface FeedbackWidget {
  reasons: ReadonlyArray<{ code: string; label: string }>;
  maxComment: number;
}

export interface SearchHit {
  id: string;
  title: string;
  url: string;
  anchorUrl: string;
  category: { id: string; title: string };
  score: number;
  /** The title split into plain and matched parts, for <mark> in the page. */
  titleSegments: Segment[];
  /** A window of the answer around the best match, split the same way. */
  snippetSegments: Segment[];
}
