import type { IncomingMessage } from "node:http";
import type { Request, RequestHandler } from "express";
import type { EventRecorder } from "../../analytics/analytics-service.js";
import { readerOf } from "../../analytics/events.js";
import type { Contact, Content } from "../../content/types.js";
import type { Limiter } from "../../limits/rate-limit.js";
import { refusals } from "../http/http-error.js";
import { LruCache } from "../http/lru-cache.js";
import type { PreparedResponse } from "../http/prepared-response.js";
import { replyPrepared, replyRedirect } from "../http/reply.js";
import { type ContactFrom, urls } from "../pages/urls.js";
import type { AnyPageModel } from "../pages/view-contract.js";
import { countable } from "./answer-views.js";
import type { ExpressHandlers } from "./routes.js";
import { contactPage } from "../contact/contact-page-model.js";
import { parseContactRequest } from "../contact/contact-request.js";
import { contactMessage, contactTarget } from "../contact/contact-target.js";
import { likelyAnswers } from "../contact/likely-answers.js";

export interface ContactRouteOptions {
  contact: Contact;
  siteUrl: string;
  /** Where contacts are counted. Absent (ANALYTICS=off, the static export): the button is the channel itself. */
  counting?: {
    recorder: EventRecorder;
    /** Contacts counted per client; past it the link still works and nothing is stored. */
    limiter: Limiter | undefined;
    addressOf: (req: IncomingMessage) => string;
    /** A search as it may be stored (redacted). */
    redactQuery: (q: string) => string;
  };
  /** The ids a search for `q` finds, best first. */
  searchHits: (q: string) => readonly string[] | Promise<readonly string[]>;
  prepare: (page: AnyPageModel) => PreparedResponse;
}

const NOT_FOUND_HERE = (error: string) =>
  refusals.badRequest(error, "お問い合わせ元のご質問またはエラーコードが見つかりません。リンクをご確認ください。");

/**
 * GET /contact (the answers likely to help, then the office's channel) and GET /contact/go (counts one
 * contact, then a 303 to the channel). Both work without JavaScript, and go only to the content's channel.
 */
export function contactRoutes(
  content: Content,
  options: ContactRouteOptions,
): Pick<ExpressHandlers, "contactPage" | "contactGo"> {
  const { contact, counting } = options;
  const target = (from: ContactFrom) => contactTarget(contact, contactMessage(content, from, options.siteUrl));
  // One rendered page per place a reader comes from, within a bound: a flood of odd searches renders each once.
  const pages = new LruCache<string, PreparedResponse>(256);

  const contactPageHandler: RequestHandler = async (req, res) => {
    const parsed = parseContactRequest(req.query, content, false);
    const from = parsed.ok ? parsed.from : {};
    const key = `${from.question ?? ""}\u0000${from.code ?? ""}\u0000${from.q ?? ""}`;
    let page = pages.get(key);
    if (!page) {
      const hits = from.q === undefined ? [] : await options.searchHits(from.q);
      const href = counting ? urls.contactGo(from) : target(from);
      pages.set(
        key,
        (page = options.prepare(
          contactPage(content, contact, { from, answers: likelyAnswers(content, from, hits), href }),
        )),
      );
    }
    replyPrepared(req, res, page);
  };

  const counts = counting && countable(counting.limiter, counting.addressOf);
  const count = (req: Request, from: ContactFrom) => {
    if (!counting?.recorder.accepting || !counts?.(req)) return;
    counting.recorder.record({
      type: "contact",
      ...readerOf(req, counting.addressOf(req)),
      question: from.question ?? null,
      code: from.code ?? null,
      query: from.q === undefined ? null : counting.redactQuery(from.q),
    });
  };

  const contactGo: RequestHandler = (req, res) => {
    const parsed = parseContactRequest(req.query, content, true);
    if (!parsed.ok) throw NOT_FOUND_HERE(parsed.error);
    count(req, parsed.from);
    // Each use must reach the server to be counted: never kept by the browser or a proxy.
    replyRedirect(res, 303, target(parsed.from), ["Cache-Control", "no-store"]);
  };

  return { contactPage: contactPageHandler, contactGo };
}
