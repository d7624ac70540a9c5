import { createHash, timingSafeEqual } from "node:crypto";
import express, { type Express } from "express";
import type { Registry } from "prom-client";
import type { Content } from "../../content/types.js";
import { publicDir } from "../../paths.js";
import { LruCache } from "../http/lru-cache.js";
import type { ReplayHeaders } from "../http/precomputed-headers.js";
import { sendPrepared, type PreparedResponse } from "../http/prepared-response.js";
import { notFoundPage } from "../pages/page-models.js";
import { urls } from "../pages/urls.js";
import { findQuestionByCode } from "../search/find-question-by-code.js";
import type { Site } from "./build-site.js";
import { adminRoutes, type AdminOptions } from "./admin-routes.js";
import { errorHandler, type OnError } from "./error-handler.js";
import { feedbackRoutes, type FeedbackRouteOptions } from "./feedback-routes.js";

/**
 * The routes that are not answered from memory ahead of routing: redirects for pasted error codes, health,
 * files in public/, and the 404/400/500 pages. The request handler sends every request here that the fast
 * path did not answer.
 */
export interface ExpressAppOptions {
  onError: OnError;
  feedback?: Omit<FeedbackRouteOptions, "prepare">;
  admin?: Omit<AdminOptions, "html">;
  ops: {
    /** /metrics, served to a bearer of the token; absent: 404. */
    metrics?: { registry: Registry; token: string };
    databaseReady?: () => Promise<void>;
    /** False while the search index is still being built. */
    searchReady: () => boolean;
  };
}

const READY_TIMEOUT_MS = 1_000;

export function expressApp(
  content: Content,
  site: Site,
  headers: { page: ReplayHeaders; api: ReplayHeaders },
  options: ExpressAppOptions,
): Express {
  const { onError, feedback } = options;
  const questionByCode = findQuestionByCode(content);
  // One rendered 404 per unknown code, so a flood of odd codes renders each once, within a bound.
  const unknownCodePages = new LruCache<string, PreparedResponse>(256);

  const app = express();
  app.disable("x-powered-by");
  // One spelling per URL (see canonicalPath): a GET for another is redirected before it gets here.
  app.set("case sensitive routing", true);
  app.set("strict routing", true);
  app.set("etag", false);
  app.use((req, res, next) => {
    // The beacons' JSON; everything else Express answers here is a page (a 404 under /api/ included).
    (req.path === "/api/events" ? headers.api : headers.page)(res);
    next();
  });

  app.get("/errors/:code", (req, res) => {
    const found = questionByCode(req.params.code);
    if (found.question) return res.redirect(301, urls.question(found.question.id));
    if (found.shownCode === undefined) return sendPrepared(req, res, site.notFound);
    let page = unknownCodePages.get(found.shownCode);
    if (!page)
      unknownCodePages.set(
        found.shownCode,
        (page = site.prepare(notFoundPage(content, { unknownCode: found.shownCode }))),
      );
    return sendPrepared(req, res, page);
  });
  // Liveness: the process answers.
  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok", questions: content.questions.length });
  });
  // Readiness, for a load balancer: content is loaded (it is, or this app would not exist), the search index
  // is built, and the database, if there is one, answers within a second. Pages would still be served; this takes the replica out.
  app.get("/readyz", (_req, res, next) => {
    if (!options.ops.searchReady())
      return void res
        .status(503)
        .set("Cache-Control", "no-store")
        .json({ status: "not ready", content: "ok", search: "the index is being built" });
    const check = options.ops.databaseReady;
    if (!check) return void res.json({ status: "ready", content: "ok", database: "none" });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${READY_TIMEOUT_MS} ms`)), READY_TIMEOUT_MS);
    });
    Promise.race([check(), timeout])
      .then(
        () => res.set("Cache-Control", "no-store").json({ status: "ready", content: "ok", database: "ok" }),
        (error: unknown) =>
          res
            .status(503)
            .set("Cache-Control", "no-store")
            .json({
              status: "not ready",
              content: "ok",
              database: `unavailable: ${error instanceof Error ? error.message : String(error)}`,
            }),
      )
      .catch(next)
      .finally(() => clearTimeout(timer));
  });
  app.get("/metrics", (req, res, next) => {
    const metrics = options.ops.metrics;
    if (!metrics) return sendPrepared(req, res, site.notFound);
    const given = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1] ?? "";
    if (!sameSecret(given, metrics.token))
      return void res
        .status(401)
        .set("WWW-Authenticate", 'Bearer realm="metrics"')
        .json({ error: "A bearer token is required." });
    metrics.registry
      .metrics()
      .then((text) => res.set("Cache-Control", "no-store").type(metrics.registry.contentType).send(text))
      .catch(next);
  });
  if (feedback) app.use(feedbackRoutes(content, { ...feedback, prepare: site.prepare }));
  if (options.admin) app.use(adminRoutes(content, { ...options.admin, html: site.html }).router);

  // After the routes: a stat on disk is the slowest thing a request can do here, so only misses pay it.
  app.use(express.static(publicDir, { index: false, redirect: false }));
  app.use((req, res) => {
    // A path that is not even valid percent-encoding is the client's mistake, not a missing page.
    if (!decodes(req.path)) return sendPrepared(req, res, site.badRequest);
    return sendPrepared(req, res, site.notFound);
  });
  app.use(errorHandler(site, onError));
  return app;
}

/** Compares a secret in constant time, whatever the lengths. */
function sameSecret(given: string, expected: string): boolean {
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b) && given.length > 0;
}

function decodes(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}
