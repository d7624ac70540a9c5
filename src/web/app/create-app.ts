import type { IncomingMessage, ServerResponse } from "node:http";
import type { EventRecorder } from "../../analytics/analytics-service.js";
import { pageSearch } from "../../analytics/events.js";
import { storedQuery } from "../../analytics/redact.js";
import { DEFAULT_FEEDBACK_RATE_LIMIT, DEFAULT_SEARCH_RATE_LIMIT } from "../../config.js";
import type { Content } from "../../content/types.js";
import type { Db } from "../../db/open-database.js";
import { buildSearchIndex, type SearchIndex } from "../../search/index.js";
import { canonicalPath } from "../http/canonical-path.js";
import { EmptyingCache } from "../http/emptying-cache.js";
import { precomputedHeaders } from "../http/precomputed-headers.js";
import { bodyBytesSent, sendPrepared, type HeadPairs } from "../http/prepared-response.js";
import { clientAddress, type ClientAddress, type TrustProxy } from "../http/client-address.js";
import { clientKey, RateLimiter, type Limiter } from "../../limits/rate-limit.js";
import { apiSecurityHeaders, securityHeaders } from "../http/security-headers.js";
import { compileTemplates, type RenderTemplate } from "../pages/templates.js";
import { documentsFromContent } from "../search/documents-from-content.js";
import { searchHandlers, type OnSearch, type SearchHandler } from "../search/search-handlers.js";
import { buildSite } from "./build-site.js";
import type { OnError } from "./error-handler.js";
import { expressApp } from "./express-app.js";
import { voteApi } from "./vote-api.js";
import { voteIntake } from "./vote-intake.js";
import type { Logger } from "../../ops/logger.js";
import type { Metrics } from "../../ops/metrics.js";
import { requestId } from "../../ops/request-id.js";
import { routeLabel } from "../../ops/route-label.js";

export const DEFAULT_SITE_URL = "http://localhost:3000";

export interface AppOptions {
  templates?: RenderTemplate;
  /** Searches per minute per client; 0 turns the limit off. */
  searchRateLimit?: number;
  /** Makes the per-client limiters; shared ones when several processes serve the site. Default: this process's own. */
  limiterFor?: (name: "search" | "votes" | "beacons", perMinute: number) => Limiter | undefined;
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
  /** Proxies whose X-Forwarded-For, X-Forwarded-Proto and X-Request-Id are believed; default none. */
  trustProxy?: TrustProxy;
  /** The dashboard's clock, for tests of session expiry and throttling. */
  adminClock?: () => number;
  /** Structured logs: access lines (unless accessLog is false) and failures. */
  log?: Logger;
  accessLog?: boolean;
  /** Prometheus metrics; /metrics serves them when metricsToken is set. */
  metrics?: Metrics;
  metricsToken?: string;
  /** Bytes of rendered pages kept in memory (default 16 MiB); the rest are rendered again when asked for. */
  pageCacheBytes?: number;
  /** Resolves when the database answers; /readyz waits for it at most a second. Absent: no database to wait for. */
  databaseReady?: () => Promise<void>;
  /**
   * The search index, when the caller builds it (the server, on another thread). Until it resolves, searches
   * wait and /readyz says not ready. Absent: built here, before createApp returns.
   */
  searchIndex?: Promise<SearchIndex>;
}

export type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

export interface App {
  /** The whole site as one Node request listener, for `http.createServer`, supertest, or a reloading wrapper. */
  handle: RequestListener;
}

/** Over HTTPS: the socket itself, or a trusted proxy that says so. */
function isHttps(req: IncomingMessage, client: ClientAddress): boolean {
  if ("encrypted" in req.socket && req.socket.encrypted === true) return true;
  const forwarded = req.headers["x-forwarded-proto"];
  return (
    typeof forwarded === "string" &&
    client.viaTrustedProxy(req) &&
    forwarded.split(",")[0]?.trim().toLowerCase() === "https"
  );
}

/** `{ [name]: value }`, or nothing when the value is absent (exactOptionalPropertyTypes). */
const optional = <K extends string, V>(name: K, value: V | undefined) =>
  value === undefined ? {} : ({ [name]: value } as { [P in K]: V });

const reportToConsole: OnError = (error) => console.error(error);

const pathOf = (url: string | undefined) => {
  const raw = url ?? "/";
  const query = raw.indexOf("?");
  return query === -1 ? raw : raw.slice(0, query);
};

/**
 * Builds the whole site for one set of content. Pages that do not depend on the request are rendered once
 * and served from memory; a content reload builds a new app.
 *
 * One listener answers every request: a prepared page or asset, or a search, straight from memory (Express's
 * per-request work would cost more than the answer); everything else goes to the Express app, itself a
 * `(req, res)` listener.
 */
export function createApp(content: Content, options: AppOptions = {}): App {
  const { log } = options;
  const onError: OnError =
    options.onError ??
    (log
      ? (error, context) => log.error({ err: error, reqId: context?.requestId }, "request failed")
      : reportToConsole);
  const { recorder } = options;
  const client = clientAddress(options.trustProxy ?? false);
  const addressOf = client.of;
  const limiterFor =
    options.limiterFor ??
    ((_name: string, perMinute: number): Limiter | undefined =>
      perMinute > 0 ? new RateLimiter(perMinute) : undefined);
  const site = buildSite(content, options.templates ?? compileTemplates(), options.siteUrl ?? DEFAULT_SITE_URL, {
    feedback: recorder !== undefined,
    ...optional("pageCacheBytes", options.pageCacheBytes),
  });
  // A server builds a large index on another thread and listens meanwhile: searches wait for it, pages do not.
  const indexing =
    options.searchIndex ?? buildSearchIndex(documentsFromContent(content), { synonyms: content.synonyms });
  let index = indexing instanceof Promise ? undefined : indexing;
  // Should it fail, searches then answer 500 through guard (currentIndex throws) and pages go on.
  const indexed =
    indexing instanceof Promise
      ? indexing.then(
          (built) => void (index = built),
          (error: unknown) => onError(error),
        )
      : undefined;
  const currentIndex = () => {
    if (!index) throw new Error("the search index is still being built");
    return index;
  };
  const headers = precomputedHeaders(securityHeaders());
  const apiHeaders = precomputedHeaders(apiSecurityHeaders());

  const { metrics } = options;
  // A popular query is redacted once, not on every results page served from the cache.
  const redactions = new EmptyingCache<string, string>(1000);
  const redacted = (q: string) => {
    let stored = redactions.get(q);
    if (stored === undefined) redactions.set(q, (stored = storedQuery(q)));
    return stored;
  };
  const onSearch: OnSearch | undefined =
    recorder || metrics
      ? (route, req, q, facts) => {
          metrics?.searched(route, facts.results);
          // Only finished searches are reader data; keystrokes (/api/search) are never recorded.
          if (route === "page" && recorder) recorder.record(pageSearch(req, addressOf(req), redacted(q), facts));
        }
      : undefined;
  const search = searchHandlers(content, currentIndex, site.html, onSearch);
  const rate = options.searchRateLimit ?? DEFAULT_SEARCH_RATE_LIMIT;
  const intake = recorder
    ? voteIntake(content, {
        recorder,
        addressOf,
        ...optional("votes", limiterFor("votes", options.feedbackRateLimit ?? DEFAULT_FEEDBACK_RATE_LIMIT)),
        ...optional("onVote", metrics?.voted),
      })
    : undefined;
  const feedback =
    recorder && intake
      ? {
          recorder,
          intake,
          ...optional("beacons", limiterFor("beacons", rate)),
          addressOf,
          redactQuery: redacted,
          summarise: (q: string) => (index || !indexed ? search.summarise(q) : indexed.then(() => search.summarise(q))),
        }
      : undefined;
  const votes = intake ? voteApi(intake) : undefined;
  const isSecure = (req: IncomingMessage) => isHttps(req, client);
  const admin = options.adminDb
    ? { db: options.adminDb, isSecure, addressOf, ...(options.adminClock ? { now: options.adminClock } : {}) }
    : undefined;
  const ops = {
    searchReady: () => index !== undefined,
    ...(metrics && options.metricsToken
      ? { metrics: { registry: metrics.registry, token: options.metricsToken } }
      : {}),
    ...(options.databaseReady ? { databaseReady: options.databaseReady } : {}),
  };
  const routed = expressApp(
    content,
    site,
    { page: headers.set, api: apiHeaders.set },
    { onError, ...optional("feedback", feedback), ...(admin ? { admin } : {}), ops },
  );

  const limiter = limiterFor("search", rate);
  type SearchRoute = { route: "api" | "page"; handler: SearchHandler; pairs: HeadPairs };
  const searches = new Map<string, SearchRoute>([
    ["/api/search", { route: "api", handler: search.api, pairs: apiHeaders.pairs }],
    ["/search", { route: "page", handler: search.page, pairs: headers.pairs }],
  ]);
  const searchRoute = (
    req: IncomingMessage,
    res: ServerResponse,
    id: string,
    found: SearchRoute,
    queryString: string,
  ) => {
    const head = headWith(found.pairs, id);
    // Counted against the limit on arrival, not when the index lets it through: a burst held while the index
    // is built must not all be counted at once, past what the other processes have heard of.
    const decision = limiter?.hit(clientKey(addressOf(req)));
    if (decision && !decision.allowed) return search.tooMany(req, res, found.route, decision.retryAfterSeconds, head);
    if (index || !indexed) return found.handler(req, res, queryString, head);
    void indexed.then(() => guard(req, res, id, () => found.handler(req, res, queryString, head)));
  };

  // What every answer made here starts with: its security headers and the request id.
  const headWith = (pairs: HeadPairs, id: string) => [...pairs, "X-Request-Id", id];
  const pageHead = (id: string) => headWith(headers.pairs, id);
  // Outside Express nothing else would catch a throw, and an uncaught one would end the process.
  const guard = (req: IncomingMessage, res: ServerResponse, id: string, answer: () => void) => {
    try {
      answer();
    } catch (error) {
      onError(error, { requestId: id });
      if (res.headersSent) return void res.destroy();
      sendPrepared(req, res, site.serverErrorFor(id), { head: pageHead(id) });
    }
  };

  // One line and one observation per request, taken when the response is handed to the socket.
  const accessLog = log && options.accessLog !== false ? log : undefined;
  const observe =
    accessLog || metrics
      ? (req: IncomingMessage, res: ServerResponse, id: string, started: number) => {
          const ms = performance.now() - started;
          const path = pathOf(req.url);
          const method = req.method ?? "GET";
          metrics?.observeRequest(routeLabel(path), method, res.statusCode, ms / 1000);
          // The path only: a query string is reader data (a search), which the log must not keep.
          accessLog?.info(
            {
              reqId: id,
              method,
              path,
              status: res.statusCode,
              bytes: bodyBytesSent(res) ?? Number(res.getHeader("Content-Length") ?? 0),
              ms: Math.round(ms * 100) / 100,
            },
            "request",
          );
        }
      : undefined;
  const trustsProxies = options.trustProxy !== undefined && options.trustProxy !== false;

  const handle: RequestListener = (req, res) => {
    const id = requestId(req.headers["x-request-id"], trustsProxies && client.viaTrustedProxy(req));
    const started = observe ? performance.now() : 0;
    guard(req, res, id, () => answer(req, res, id));
    if (!observe) return;
    // A page or search answered from memory has ended already: observe it now, with no listener to add.
    if (res.writableEnded) observe(req, res, id, started);
    else res.once("finish", () => observe(req, res, id, started));
  };

  // Express sets its headers one by one; an answer made here sends them with its own in one writeHead.
  const toExpress = (req: IncomingMessage, res: ServerResponse, id: string) => {
    res.setHeader("X-Request-Id", id);
    routed(req, res);
  };

  const answer = (req: IncomingMessage, res: ServerResponse, id: string): void => {
    const url = req.url ?? "/";
    const query = url.indexOf("?");
    const pathname = query === -1 ? url : url.slice(0, query);
    if (req.method !== "GET" && req.method !== "HEAD") {
      if (votes && req.method === "POST" && pathname === "/api/feedback")
        return votes(req, res, headWith(apiHeaders.pairs, id));
      if (!site.fixed.has(pathname) && !searches.has(pathname)) return toExpress(req, res, id);
      return sendPrepared(req, res, site.badRequest, { status: 405, head: [...pageHead(id), "Allow", "GET, HEAD"] });
    }
    const prepared = site.fixed.get(pathname);
    if (prepared !== undefined) return sendPrepared(req, res, prepared, { head: pageHead(id) });
    const found = searches.get(pathname);
    if (found !== undefined) return searchRoute(req, res, id, found, query === -1 ? "" : url.slice(query + 1));
    const canonical = canonicalPath(pathname);
    if (canonical === undefined) return toExpress(req, res, id);
    const location = query === -1 ? canonical : canonical + url.slice(query);
    // Only what a header may carry; anything else is not a page of ours and gets the 404 from routing.
    if (!/^[\x21-\x7e]*$/.test(location)) return toExpress(req, res, id);
    res.writeHead(301, [
      ...pageHead(id),
      "Location",
      location,
      "Content-Length",
      "0",
      "Cache-Control",
      "public, max-age=3600",
    ]);
    res.end();
  };
  return { handle };
}
