import type { IncomingMessage, ServerResponse } from "node:http";
import express from "express";
import type { EventRecorder } from "../../analytics/analytics-service.js";
import { pageSearch } from "../../analytics/events.js";
import { storedQuery } from "../../analytics/redact.js";
import { DEFAULT_FEEDBACK_RATE_LIMIT, DEFAULT_SEARCH_RATE_LIMIT } from "../../config.js";
import type { Content } from "../../content/types.js";
import type { Db } from "../../db/open-database.js";
import { type Limiter, RateLimiter } from "../../limits/rate-limit.js";
import type { Logger } from "../../ops/logger.js";
import type { Metrics } from "../../ops/metrics.js";
import { defaultContentDir, publicDir } from "../../paths.js";
import type { SearchIndex } from "../../search/index.js";
import { type ClientAddress, clientAddress, type TrustProxy } from "../http/client-address.js";
import { EmptyingCache } from "../http/emptying-cache.js";
import { replyPrepared } from "../http/reply.js";
import { refererPath } from "../http/referer.js";
import { adminHeaders, apiHeaders, pageHeaders } from "../http/security-headers.js";
import type { Assets } from "../pages/render-page.js";
import { compileTemplates, type RenderTemplate } from "../pages/templates.js";
import { searchIndexOf } from "../search/documents-from-content.js";
import { indexGate } from "../search/index-gate.js";
import { type OnSearch, searchHandlers } from "../search/search-handlers.js";
import { searchRoutes } from "../search/search-routes.js";
import { contactRoutes } from "./contact-routes.js";
import type { SpikeRule } from "../../alerts/spikes.js";
import { NoticeBoard } from "../../notices/notice-board.js";
import { NoticeStore } from "../../notices/notice-store.js";
import { noticedPages } from "../notices/noticed-pages.js";
import { adminRoutes } from "./admin-routes.js";
import { answerViews, codeVisits } from "./answer-views.js";
import { buildSite, type Site } from "./build-site.js";
import { dispatcher } from "./dispatch.js";
import { errorBoundary, type OnError } from "./error-boundary.js";
import { errorCodeRoute } from "./error-code-route.js";
import { expressApp } from "./express-app.js";
import { feedbackRoutes } from "./feedback-routes.js";
import { observedRequests } from "./observe-requests.js";
import { opsRoutes } from "./ops-routes.js";
import { compileRoutes } from "./route-match.js";
import { ROUTES, type RouteHandlers } from "./routes.js";
import { voteApi } from "./vote-api.js";
import { voteIntake } from "./vote-intake.js";

export const DEFAULT_SITE_URL = "http://localhost:3000";

/** Makes the per-client limiters: shared ones when several processes serve the site. */
export type LimiterFor = (
  name: "search" | "votes" | "beacons" | "views" | "contacts",
  perMinute: number,
) => Limiter | undefined;

/** What the site is built with, by concern; every group and field may be left out. */
export interface AppOptions {
  /** Absolute URL the site is published at, for canonical links, sitemap and structured data. */
  siteUrl?: string;
  templates?: RenderTemplate;
  /** Bytes of rendered pages kept in memory (default 16 MiB); the rest are rendered again when asked for. */
  pageCacheBytes?: number;
  /** Proxies whose X-Forwarded-For, X-Forwarded-Proto and X-Request-Id are believed; default none. */
  trustProxy?: TrustProxy;
  /** This process's own limiters unless given (shared ones when several processes serve the site). */
  limiterFor?: LimiterFor;
  search?: {
    /**
     * The index, when the caller builds it (the server, on another thread). Until it resolves, searches wait
     * and /readyz says not ready. Absent: built here, before createApp returns.
     */
    index?: Promise<SearchIndex>;
    /** Searches per minute per client; 0 turns the limit off. */
    perMinute?: number;
  };
  /** Where reader feedback and finished searches go; without it the widget is hidden and nothing is recorded. */
  feedback?: {
    recorder: EventRecorder;
    /** Votes per minute per client. */
    votesPerMinute?: number;
  };
  /** The operators' dashboard; without it there is no /admin. */
  admin?: {
    db: Db;
    /** Where reports and suggestions read (AnalyticsService.reportsDb); `db` unless given. */
    reportsDb?: Db;
    /** The dashboard's clock, for tests of session expiry and throttling. */
    clock?: () => number;
    /** When an error code counts as spiking on 概要 (default 3× the usual hour and at least 20). */
    spikeRule?: SpikeRule;
    /** The folder the content was read from (default: the bundled content), for the suggestions' patch. */
    contentDir?: string;
  };
  operations?: {
    /** Prometheus metrics; /metrics serves them when `metricsToken` is set. */
    metrics?: Metrics;
    metricsToken?: string;
    /** Resolves when the database answers; /readyz waits for it at most a second. Absent: none to wait for. */
    databaseReady?: () => Promise<void>;
  };
  logging?: {
    /** Structured logs: access lines (unless `accessLog` is false) and failures. */
    log?: Logger;
    accessLog?: boolean;
    /** Where unexpected failures are reported; the logger's error line unless given (tests pass a collector). */
    onError?: OnError;
  };
}

export type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

export interface App {
  /** The whole site as one Node request listener, for `http.createServer`, supertest, or a reloading wrapper. */
  handle: RequestListener;
  /** The paths of every page and fingerprinted asset the app answers from memory (the static export's list). */
  pagePaths: () => Iterable<string>;
  /** The fingerprinted stylesheet's and script's URLs. */
  assets: Assets;
}

/**
 * Builds the whole site for one set of content: wiring only. Pages that do not depend on the request are
 * rendered once (site), the routes' handlers are made per concern, and the route table (routes.ts) decides
 * which of them answers a request: dispatch.ts from memory, or Express. A content reload builds a new app.
 */
export function createApp(content: Content, options: AppOptions = {}): App {
  const { log } = options.logging ?? {};
  const onError: OnError =
    options.logging?.onError ??
    ((error, context) =>
      log ? log.error({ err: error, reqId: context?.requestId }, "request failed") : console.error(error));
  const client = clientAddress(options.trustProxy ?? false);
  const limiterFor: LimiterFor =
    options.limiterFor ?? ((_name, perMinute) => (perMinute > 0 ? new RateLimiter(perMinute) : undefined));
  const { recorder } = options.feedback ?? {};
  const site = buildSite(content, options.templates ?? compileTemplates(), options.siteUrl ?? DEFAULT_SITE_URL, {
    feedback: recorder !== undefined,
    pageCacheBytes: options.pageCacheBytes,
  });
  const answerError = errorBoundary(site.errors, onError);

  const gate = indexGate(options.search?.index ?? searchIndexOf(content), onError);
  const { metrics } = options.operations ?? {};
  const redacted = redactionMemo();
  const onSearch: OnSearch | undefined =
    recorder || metrics
      ? (route, req, q, facts) => {
          metrics?.searched(route, facts.results);
          // Only finished searches are reader data; keystrokes (/api/search) are never recorded, nor is an
          // operator opening a query from the dashboard's reports.
          if (route === "page" && recorder && !refererPath(req)?.startsWith("/admin"))
            recorder.record(pageSearch(req, client.of(req), redacted(q), facts));
        }
      : undefined;
  const notices = noticeBoard(content, options);
  const noticed = noticedPages(content, notices.board, site);
  const search = searchHandlers(content, gate.current, site.html, onSearch, noticed);
  const searchPerMinute = options.search?.perMinute ?? DEFAULT_SEARCH_RATE_LIMIT;
  // Views and contacts are limited per client as the beacons are: past the limit, nothing is counted.
  const readerCounts = recorder && { recorder, limiter: limiterFor("views", searchPerMinute), addressOf: client.of };
  const viewed = readerCounts && answerViews(content, readerCounts);
  const searches = searchRoutes({
    search,
    gate,
    limiter: limiterFor("search", searchPerMinute),
    addressOf: client.of,
    answerError,
  });

  const handlers: RouteHandlers = {
    page: (req, res, { path, head }) => {
      const page = noticed.pageAt(path) ?? site.fixed.get(path);
      if (page === undefined) throw new Error(`the page table lists ${path} but has no page for it`);
      replyPrepared(req, res, page, { head });
      viewed?.(req, path);
    },
    ...searches,
    ...feedbackHandlers(content, site, options, { client, limiterFor, redacted, search, gate, searchPerMinute }),
    ...adminHandlers(content, site, options, client, notices, () => gate.after(gate.current)),
    ...opsRoutes({
      questions: content.questions.length,
      searchReady: gate.ready,
      databaseReady: options.operations?.databaseReady,
      onNotReady: (error) => log?.warn({ err: error }, "not ready: the database does not answer"),
      metrics:
        metrics && options.operations?.metricsToken
          ? { registry: metrics.registry, token: options.operations.metricsToken }
          : undefined,
    }),
    errorCode: errorCodeRoute(
      content,
      { notFound: site.errors.notFound, prepare: site.prepare },
      readerCounts && codeVisits(readerCounts),
    ),
    ...(content.contact
      ? contactRoutes(content, {
          contact: content.contact,
          siteUrl: options.siteUrl ?? DEFAULT_SITE_URL,
          counting: recorder && {
            recorder,
            limiter: limiterFor("contacts", searchPerMinute),
            addressOf: client.of,
            redactQuery: redacted,
          },
          searchHits: (q) => gate.after(() => search.hitsFor(q)),
          prepare: site.prepare,
        })
      : {}),
    // After the table's own rows: a stat on disk is the slowest thing a request can do here.
    publicFile: express.static(publicDir, { index: false, redirect: false, fallthrough: true }),
  };

  // The table's rows this app answers: a feature that is off leaves its rows out, so they are 404s.
  const rows = ROUTES.filter((row) => handlers[row.handler] !== undefined);
  const matcher = compileRoutes(rows);
  const heads = { page: pageHeaders(), api: apiHeaders(), admin: adminHeaders() };
  const express_ = expressApp({
    rows,
    handlers,
    matcher,
    headers: { page: heads.page.set, api: heads.api.set, admin: heads.admin.set },
    answerError,
  });
  const dispatch = dispatcher({
    rows,
    matcher,
    fast: handlers,
    pages: site.fixed,
    heads: { page: heads.page.pairs, api: heads.api.pairs, admin: heads.admin.pairs },
    express: express_,
    answerError,
  });

  return {
    pagePaths: () => site.fixed.paths(),
    assets: site.assets,
    handle: observedRequests(dispatch, {
      client,
      trustsProxies: options.trustProxy !== undefined && options.trustProxy !== false,
      labelOf: matcher.labelOf,
      metrics,
      accessLog: log && options.logging?.accessLog !== false ? log : undefined,
    }),
  };
}

/** A popular query is redacted once, not on every results page served from the cache. */
function redactionMemo(): (q: string) => string {
  const redactions = new EmptyingCache<string, string>(1000);
  return (q) => {
    let stored = redactions.get(q);
    if (stored === undefined) redactions.set(q, (stored = storedQuery(q)));
    return stored;
  };
}

interface FeedbackWiring {
  client: ClientAddress;
  limiterFor: LimiterFor;
  redacted: (q: string) => string;
  search: ReturnType<typeof searchHandlers>;
  gate: ReturnType<typeof indexGate>;
  searchPerMinute: number;
}

/** The vote (JSON and form), the thanks page and the beacons; none when nothing records feedback. */
function feedbackHandlers(content: Content, site: Site, options: AppOptions, wiring: FeedbackWiring) {
  const feedback = options.feedback;
  if (!feedback) return {};
  const { client, search, gate } = wiring;
  const metrics = options.operations?.metrics;
  const intake = voteIntake(content, {
    recorder: feedback.recorder,
    addressOf: client.of,
    votes: wiring.limiterFor("votes", feedback.votesPerMinute ?? DEFAULT_FEEDBACK_RATE_LIMIT),
    onVote: metrics?.voted,
  });
  return {
    vote: voteApi(intake),
    ...feedbackRoutes(content, {
      recorder: feedback.recorder,
      intake,
      beacons: wiring.limiterFor("beacons", wiring.searchPerMinute),
      addressOf: client.of,
      redactQuery: wiring.redacted,
      summarise: (q) => gate.after(() => search.summarise(q)),
      resultAt: (q, position) => gate.after(() => search.resultAt(q, position)),
      prepare: site.prepare,
    }),
  };
}

/** The notices in force: content's, and the dashboard's from the shared database when there is a dashboard. */
function noticeBoard(content: Content, options: AppOptions): { board: NoticeBoard; store: NoticeStore | undefined } {
  const admin = options.admin;
  const now = admin?.clock ?? Date.now;
  const store = admin ? new NoticeStore(admin.db, content) : undefined;
  const board = new NoticeBoard(content.notices ?? [], {
    load: store && (() => store.current(now())),
    now,
    onError: (error) => options.logging?.log?.warn({ err: error }, "notices cannot be read: the last ones read stay"),
  });
  return { board, store };
}

function adminHandlers(
  content: Content,
  site: Site,
  options: AppOptions,
  client: ClientAddress,
  notices: { board: NoticeBoard; store: NoticeStore | undefined },
  searchIndex: () => SearchIndex | Promise<SearchIndex>,
) {
  const admin = options.admin;
  if (!admin || !notices.store) return {};
  const siteIsHttps = (options.siteUrl ?? DEFAULT_SITE_URL).startsWith("https:");
  return adminRoutes(content, {
    db: admin.db,
    reportsDb: admin.reportsDb ?? admin.db,
    html: site.html,
    // An https site's cookies are Secure whatever the proxy in front says (or is trusted to say).
    isSecure: (req) => siteIsHttps || isHttps(req, client),
    addressOf: client.of,
    now: admin.clock,
    onAlert: (facts, message) => options.logging?.log?.warn(facts, message),
    notices: { store: notices.store, board: notices.board, fromContent: content.notices ?? [] },
    spikeRule: admin.spikeRule,
    contentDir: admin.contentDir ?? defaultContentDir,
    searchIndex,
  });
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
