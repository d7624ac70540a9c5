import type { IncomingMessage, ServerResponse } from "node:http";
import type { EventRecorder } from "../../analytics/analytics-service.js";
import { newEventId } from "../../analytics/analytics-store.js";
import { readerOf } from "../../analytics/events.js";
import { storedQuery } from "../../analytics/redact.js";
import { DEFAULT_FEEDBACK_RATE_LIMIT, DEFAULT_SEARCH_RATE_LIMIT } from "../../config.js";
import type { Content } from "../../content/types.js";
import type { Db } from "../../db/open-database.js";
import { buildSearchIndex } from "../../search/index.js";
import { precomputedHeaders } from "../http/precomputed-headers.js";
import { sendPrepared } from "../http/prepared-response.js";
import { clientKey, RateLimiter } from "../http/rate-limit.js";
import { securityHeaders } from "../http/security-headers.js";
import { compileTemplates, type RenderTemplate } from "../pages/templates.js";
import { documentsFromContent } from "../search/documents-from-content.js";
import { searchHandlers, type OnSearchPage, type SearchHandler } from "../search/search-handlers.js";
import { buildSite } from "./build-site.js";
import type { OnError } from "./error-handler.js";
import { expressApp } from "./express-app.js";

export const DEFAULT_SITE_URL = "http://localhost:3000";

export interface AppOptions {
  templates?: RenderTemplate;
  /** Searches per minute per client; 0 turns the limit off. */
  searchRateLimit?: number;
  /** Absolute URL the site is published at, for canonical links, sitemap and structured data. */
  siteUrl?: string;
  /** Where unexpected failures are reported; the server passes its logger, tests a collector. */
  onError?: OnError;
  /** Where reader feedback and finished searches go; without it the feedback widget is hidden and nothing is recorded. */
  recorder?: EventRecorder;
  /** Votes per minute per client. */
  feedbackRateLimit?: number;
  /** The database behind the operators' dashboard; without it there is no /admin. */
  adminDb?: Db;
  /** Behind a TLS-terminating proxy: believe its X-Forwarded-Proto (for Secure cookies). */
  trustProxy?: boolean;
  /** The dashboard's clock, for tests of session expiry and throttling. */
  adminClock?: () => number;
}

export type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

export interface App {
  /** The whole site as one Node request listener, for `http.createServer`, supertest, or a reloading wrapper. */
  handle: RequestListener;
}

/** Over HTTPS: the socket itself, or a trusted proxy that says so. */
function isHttps(req: IncomingMessage, trustProxy: boolean): boolean {
  if ("encrypted" in req.socket && req.socket.encrypted === true) return true;
  const forwarded = req.headers["x-forwarded-proto"];
  return trustProxy && typeof forwarded === "string" && forwarded.split(",")[0]?.trim().toLowerCase() === "https";
}

const unlimitedWhenZero = (perMinute: number) => (perMinute > 0 ? perMinute : Number.MAX_SAFE_INTEGER);

const reportToConsole: OnError = (error) => console.error(error);

/**
 * Builds the whole site for one set of content. Pages that do not depend on the request are rendered once
 * and served from memory; a content reload builds a new app.
 *
 * One listener answers every request: a prepared page or asset, or a search, straight from memory (Express's
 * per-request work would cost more than the answer); everything else goes to the Express app, itself a
 * `(req, res)` listener.
 */
export function createApp(content: Content, options: AppOptions = {}): App {
  const onError = options.onError ?? reportToConsole;
  const { recorder } = options;
  const site = buildSite(content, options.templates ?? compileTemplates(), options.siteUrl ?? DEFAULT_SITE_URL, { feedback: recorder !== undefined });
  const index = buildSearchIndex(documentsFromContent(content), { synonyms: content.synonyms });
  const headers = precomputedHeaders(securityHeaders());

  const onSearchPage: OnSearchPage | undefined = recorder
    ? (req, q, facts) => void recorder.record({ type: "search", ...readerOf(req), id: newEventId(), query: storedQuery(q), ...facts, source: "page" })
    : undefined;
  const search = searchHandlers(content, index, site.html, onSearchPage);
  const rate = options.searchRateLimit ?? DEFAULT_SEARCH_RATE_LIMIT;
  const feedback = recorder
    ? { recorder, rateLimit: unlimitedWhenZero(options.feedbackRateLimit ?? DEFAULT_FEEDBACK_RATE_LIMIT), beaconRateLimit: unlimitedWhenZero(rate), summarise: search.summarise }
    : undefined;
  const isSecure = (req: IncomingMessage) => isHttps(req, options.trustProxy === true);
  const admin = options.adminDb ? { db: options.adminDb, isSecure, ...(options.adminClock ? { now: options.adminClock } : {}) } : undefined;
  const routed = expressApp(content, site, headers, { onError, ...(feedback ? { feedback } : {}), ...(admin ? { admin } : {}) });

  const limiter = rate > 0 ? new RateLimiter(rate) : undefined;
  const limited = (route: "api" | "page", handler: SearchHandler): SearchHandler => {
    if (!limiter) return handler;
    return (req, res, queryString) => {
      const decision = limiter.hit(clientKey(req.socket.remoteAddress));
      if (decision.allowed) return handler(req, res, queryString);
      return search.tooMany(req, res, route, decision.retryAfterSeconds);
    };
  };
  const searches = new Map<string, SearchHandler>([
    ["/api/search", limited("api", search.api)],
    ["/search", limited("page", search.page)],
  ]);

  // Outside Express nothing else would catch a throw, and an uncaught one would end the process.
  const guard = (res: ServerResponse, req: IncomingMessage, answer: () => void) => {
    try {
      answer();
    } catch (error) {
      onError(error);
      if (res.headersSent) return void res.destroy();
      sendPrepared(req, res, site.serverError);
    }
  };

  const handle: RequestListener = (req, res) =>
    guard(res, req, () => {
      const url = req.url ?? "/";
      const query = url.indexOf("?");
      const pathname = query === -1 ? url : url.slice(0, query);
      if (req.method !== "GET" && req.method !== "HEAD") {
        if (!site.fixed.has(pathname) && !searches.has(pathname)) return routed(req, res);
        headers(res);
        res.setHeader("Allow", "GET, HEAD");
        return sendPrepared(req, res, site.badRequest, 405);
      }
      const prepared = site.fixed.get(pathname);
      if (prepared !== undefined) {
        headers(res);
        return sendPrepared(req, res, prepared);
      }
      const searchHandler = searches.get(pathname);
      if (searchHandler === undefined) return routed(req, res);
      headers(res);
      return searchHandler(req, res, query === -1 ? "" : url.slice(query + 1));
    });
  return { handle };
}
