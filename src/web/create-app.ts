import type { IncomingMessage, ServerResponse } from "node:http";
import express, { type Express } from "express";
import type { Content } from "../content/types.js";
import { buildSearchIndex, documentsFromContent } from "../search/index.js";
import { errorHandler } from "./error-handler.js";
import { findQuestionByCode } from "./find-question-by-code.js";
import { buildSite } from "./build-site.js";
import { notFoundPage } from "./page-models.js";
import { publicDir } from "./paths.js";
import { sendPrepared } from "./prepared-response.js";
import { DEFAULT_SEARCH_RATE_LIMIT, searchRateLimit } from "./rate-limit.js";
import { searchHandlers, type SearchHandler } from "./search-handlers.js";
import { precomputedHeaders } from "./precomputed-headers.js";
import { securityHeaders } from "./security-headers.js";
import { compileTemplates, type RenderTemplate } from "./templates.js";
import { urls } from "./urls.js";

export interface AppOptions {
  templates?: RenderTemplate;
  /** /api/search requests per minute per client; 0 turns the limit off. */
  searchRateLimit?: number;
  /** Absolute URL the site is published at, for canonical links, sitemap and structured data. */
  siteUrl?: string;
}

export const DEFAULT_SITE_URL = "http://localhost:3000";

/**
 * Builds the whole site for one set of content. Every page that does not depend on the request is
 * rendered once, by buildSite, and served from memory; a content reload builds a new app.
 */
export function createApp(content: Content, options: AppOptions = {}): Express {
  const site = buildSite(content, options.templates ?? compileTemplates(), options.siteUrl ?? DEFAULT_SITE_URL);
  const index = buildSearchIndex(documentsFromContent(content), { synonyms: content.synonyms });
  const questionByCode = findQuestionByCode(content);

  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false);
  const headers = precomputedHeaders(securityHeaders());
  app.use(headers);

  app.get("/errors/:code", (req, res) => {
    const question = questionByCode(req.params.code);
    if (question) return res.redirect(301, urls.question(question.id));
    return res.status(404).type("html").send(site.html(notFoundPage(content, { unknownCode: req.params.code })));
  });
  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok", questions: content.questions.length });
  });

  // After the routes: a stat on disk is the slowest thing a request can do here, so only misses pay it.
  app.use(express.static(publicDir, { index: false, redirect: false }));
  app.use((req, res) => {
    // A path that is not even valid percent-encoding is the client's mistake, not a missing page.
    if (!decodes(req.path)) return res.status(400).type("html").send(site.badRequestHtml);
    return sendPrepared(req, res, site.notFound);
  });
  app.use(errorHandler({ notFound: site.notFound.body.toString(), badRequest: site.badRequestHtml, serverError: site.serverErrorHtml }));

  // The fast path: a page or asset rendered ahead, or a search, is answered before Express builds its
  // request and routes it (Express's per-request work costs more than the answer). The rest goes through Express.
  const search = searchHandlers(content, index, site.html);
  const limiter = searchRateLimit(options.searchRateLimit ?? DEFAULT_SEARCH_RATE_LIMIT);
  const limitedApi: SearchHandler = limiter
    ? (req, res, queryString) => limiter(req, res, () => guard(res, () => search.api(req, res, queryString)))
    : search.api;
  const searches = new Map([
    ["/api/search", limitedApi],
    ["/search", search.page],
  ]);
  // Outside Express nothing else would catch a throw, and an uncaught one would end the process.
  const guard = (res: ServerResponse, answer: () => void) => {
    try {
      answer();
    } catch (error) {
      console.error(error);
      if (res.headersSent) return void res.destroy();
      res.statusCode = 500;
      res.setHeader("Content-Type", "text/html; charset=utf-8");
      res.end(site.serverErrorHtml);
    }
  };
  const internal = app as unknown as { handle: (req: IncomingMessage, res: ServerResponse, callback?: unknown) => void };
  const routed = internal.handle.bind(app);
  internal.handle = (req, res, callback) => {
    if (req.method !== "GET" && req.method !== "HEAD") return routed(req, res, callback);
    const url = req.url ?? "/";
    const query = url.indexOf("?");
    const pathname = query === -1 ? url : url.slice(0, query);
    const prepared = site.fixed.get(pathname);
    const searchHandler = prepared === undefined ? searches.get(pathname) : undefined;
    if (prepared === undefined && searchHandler === undefined) return routed(req, res, callback);
    return guard(res, () => {
      headers.replay(res);
      if (prepared !== undefined) return sendPrepared(req, res, prepared);
      return searchHandler?.(req, res, query === -1 ? "" : url.slice(query + 1));
    });
  };
  return app;
}

function decodes(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}
