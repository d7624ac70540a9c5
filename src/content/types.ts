import type { Notice } from "../notices/notice.js";

/** `review_every` as written ("6 months") and as counted. */
export interface ReviewPeriod {
  count: number;
  unit: "day" | "week" | "month" | "year";
  text: string;
}

/** A category as an editor writes it in content/categories/*.md. */
export interface Category {
  id: string;
  title: string;
  order: number;
  description: string;
  /** Path of the source file relative to the content folder, for error messages. */
  file: string;
}

/** One question with its answer, parsed and validated, ready to render and index. */
export interface Question {
  id: string;
  title: string;
  /** Category id. */
  category: string;
  order: number;
  /** Canonical upper-case error codes this question answers, e.g. ["AE01"]. */
  codes: string[];
  keywords: string[];
  /** Ids of related questions. */
  related: string[];
  /** ISO date (YYYY-MM-DD) of the last editorial change, when the editor gave one. */
  updated: string | undefined;
  /** Who keeps the answer right (front-matter `owner`). */
  owner?: string | undefined;
  /** ISO date of the last review (`reviewed`). */
  reviewed?: string | undefined;
  /** How often it is due for review (`review_every`). */
  reviewEvery?: ReviewPeriod | undefined;
  /** The answer rendered to safe HTML. */
  html: string;
  /** The answer as plain text (no markup), for search and snippets. */
  text: string;
  file: string;
}

/** The office's channels from content/contact.md: at least one of `email` and `url` (https), else no contact. */
export interface Contact {
  /** The office as the answers call it, e.g. HP Advantageplus 事務局. */
  name: string;
  email: string | undefined;
  url: string | undefined;
  /** When the office answers, as the office writes it. */
  hours: string | undefined;
  file: string;
}

/** Everything the site serves, in display order. */
export interface Content {
  /** Sorted by `order`. */
  categories: Category[];
  /** Sorted by category order, then question order. */
  questions: Question[];
  categoryById: ReadonlyMap<string, Category>;
  questionById: ReadonlyMap<string, Question>;
  /** Groups of interchangeable search terms, e.g. [["メアド", "メールアドレス"]]. */
  synonyms: string[][];
  /** Where a reader the answers did not help can write; undefined when content/contact.md gives no channel. */
  contact?: Contact | undefined;
  /** Planned notices from content/notices/<id>.md, each shown from its start to its end. */
  notices?: readonly Notice[];
}
