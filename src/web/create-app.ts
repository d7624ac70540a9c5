import express, { type Express, type RequestHandler } from "express";
import type { Content } from "../content/types.js";
import { buildSearchIndex, documentsFromContent } from "../search/index.js";
import { errorHandler } from "./error-handler.js";
import { findQuestionByCode } from "./find-question-by-code.js";
import { buildSite } from "./build-site.js";
import { notFoundPage } from "./page-models.js";
import { publicDir } from "./paths.js";
import { sendPrepared } from "./prepared-response.js";
import { searchRoutes } from "./search-routes.js";
import { precomputedHeaders } from "./precomputed-headers.js";
import { securityHeaders } from "./security-headers.js";
import { compileTemplates, type RenderTemplate } from "./templates.js";
import { urls } from "./urls.js";

export interface AppOptions {
  templates?: RenderTemplate;
}

/**
 * Builds the whole site for one set of content. Every page that does not depend on the request is
 * rendered once, by buildSite, and served from memory; a content reload builds a new app.
 */
export function createApp(content: Content, options: AppOptions = {}): Express {
  const site = buildSite(content, options.templates ?? compileTemplates());
  const index = buildSearchIndex(documentsFromContent(content), { synonyms: content.synonyms });

  // One map lookup answers almost every request, before any routing.
  const servePrepared: RequestHandler = (req, res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    const prepared = site.fixed.get(req.path);
    if (prepared === undefined) return next();
    return sendPrepared(req, res, prepared);
  };

  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false);
  app.use(precomputedHeaders(securityHeaders()));
  app.use(servePrepared);
  app.use(express.static(publicDir, { index: false, redirect: false }));
  app.use(searchRoutes(content, index, site.html));

  app.get("/errors/:code", (req, res) => {
    const question = findQuestionByCode(content, req.params.code);
    if (question) return res.redirect(301, urls.question(question.id));
    return res.status(404).type("html").send(site.html(notFoundPage(content, { unknownCode: req.params.code })));
  });
  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok", questions: content.questions.length });
  });

  app.use((req, res) => {
    // A path that is not even valid percent-encoding is the client's mistake, not a missing page.
    if (!decodes(req.path)) return res.status(400).type("html").send(site.badRequestHtml);
    return sendPrepared(req, res, site.notFound);
  });
  app.use(errorHandler({ notFound: site.notFound.body.toString(), badRequest: site.badRequestHtml, serverError: site.serverErrorHtml }));
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
