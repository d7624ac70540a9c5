import express, { type Express, type Response } from "express";
import type { Content } from "../content/types.js";
import { errorHandler } from "./error-handler.js";
import { findQuestionByCode } from "./find-question-by-code.js";
import { securityHeaders } from "./security-headers.js";
import {
  badRequestPage,
  categoryPage,
  homePage,
  notFoundPage,
  questionPage,
  serverErrorPage,
  type PageModel,
} from "./page-models.js";
import { publicDir } from "./paths.js";
import { renderPage, type Assets } from "./render-page.js";
import { compileTemplates, type RenderTemplate } from "./templates.js";
import { urls } from "./urls.js";

export interface AppOptions {
  templates?: RenderTemplate;
}

const assets: Assets = { css: "/css/site.css", js: "/js/site.js" };

/** Builds the whole site for one set of content. Pages are rendered here, once, not per request. */
export function createApp(content: Content, options: AppOptions = {}): Express {
  const render = options.templates ?? compileTemplates();
  const html = (page: PageModel) => renderPage(render, page, assets);

  const home = html(homePage(content));
  const categories = new Map(content.categories.map((category) => [category.id, html(categoryPage(content, category))]));
  const questions = new Map(content.questions.map((question) => [question.id, html(questionPage(content, question))]));
  const notFound = html(notFoundPage(content));
  const badRequest = html(badRequestPage());
  const serverError = html(serverErrorPage());

  const app = express();
  app.disable("x-powered-by");
  app.use(securityHeaders());
  app.use(express.static(publicDir, { index: false, redirect: false }));

  const sendPage = (res: Response, status: number, body: string | undefined) =>
    body === undefined ? res.status(404).type("html").send(notFound) : res.status(status).type("html").send(body);

  app.get("/", (_req, res) => sendPage(res, 200, home));
  app.get("/categories/:id", (req, res) => sendPage(res, 200, categories.get(req.params.id)));
  app.get("/questions/:id", (req, res) => sendPage(res, 200, questions.get(req.params.id)));
  app.get("/errors/:code", (req, res) => {
    const question = findQuestionByCode(content, req.params.code);
    if (question) return res.redirect(301, urls.question(question.id));
    return res.status(404).type("html").send(html(notFoundPage(content, { unknownCode: req.params.code })));
  });
  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok", questions: content.questions.length });
  });

  app.use((_req, res) => sendPage(res, 404, notFound));

  app.use(errorHandler({ notFound, badRequest, serverError }));
  return app;
}
