import type { IncomingMessage, ServerResponse } from "node:http";
import type { ErrorRequestHandler, RequestHandler } from "express";
import type { HeadPairs } from "../http/prepared-response.js";

/**
 * Every URL the site answers, one row each: the only place a route is declared. The fast dispatcher
 * (dispatch.ts) answers the `fast` rows from memory before Express; Express mounts the `express` rows
 * (express-app.ts). The metrics label, the 405 with its Allow list, the header set and the error body's
 * format all come from here, and the README's URL map is checked against it.
 *
 * A GET row answers HEAD too. Paths use Express 5's syntax (`:name`, `*name`).
 */
export const ROUTES = [
  // Pages and files rendered once per content load, by their exact paths (the page table).
  { method: "GET", path: "/", format: "page", via: "fast", handler: "page" },
  { method: "GET", path: "/categories/:id", format: "page", via: "fast", handler: "page" },
  { method: "GET", path: "/categories/:id/page/:n", format: "page", via: "fast", handler: "page" },
  { method: "GET", path: "/questions/:id", format: "page", via: "fast", handler: "page" },
  { method: "GET", path: "/assets/*file", format: "page", via: "fast", handler: "page" },
  { method: "GET", path: "/sitemap.xml", format: "page", via: "fast", handler: "page" },
  { method: "GET", path: "/robots.txt", format: "page", via: "fast", handler: "page" },
  { method: "GET", path: "/opensearch.xml", format: "page", via: "fast", handler: "page" },
  // Searches: a map lookup once cached, so Express's per-request work would cost more than the answer.
  { method: "GET", path: "/search", format: "page", via: "fast", handler: "searchPage" },
  { method: "GET", path: "/api/search", format: "api", via: "fast", handler: "searchApi" },
  // The page script's vote: a small JSON body and a queue append.
  { method: "POST", path: "/api/feedback", format: "api", via: "fast", handler: "vote" },

  { method: "GET", path: "/errors/:code", format: "page", via: "express", handler: "errorCode" },
  // Only when the content names the office's channel (content/contact.md).
  { method: "GET", path: "/contact", format: "page", via: "express", handler: "contactPage" },
  { method: "GET", path: "/contact/go", format: "page", via: "express", handler: "contactGo" },
  { method: "POST", path: "/feedback", format: "page", via: "express", handler: "feedbackForm" },
  { method: "GET", path: "/feedback/thanks", format: "page", via: "express", handler: "feedbackThanks" },
  { method: "POST", path: "/api/events", format: "api", via: "express", handler: "events" },
  { method: "GET", path: "/healthz", format: "api", via: "express", handler: "healthz" },
  { method: "GET", path: "/readyz", format: "api", via: "express", handler: "readyz" },
  { method: "GET", path: "/metrics", format: "api", via: "express", handler: "metrics" },
  // Files in public/ as they are (the fingerprinted copies, and the page script, are under /assets/).
  { method: "GET", path: "/favicon.ico", format: "page", via: "express", handler: "publicFile" },
  { method: "GET", path: "/css/*file", format: "page", via: "express", handler: "publicFile" },

  { method: "GET", path: "/admin/login", format: "admin", via: "express", handler: "adminLoginForm" },
  { method: "POST", path: "/admin/login", format: "admin", via: "express", handler: "adminSignIn" },
  { method: "POST", path: "/admin/logout", format: "admin", via: "express", handler: "adminSignOut" },
  { method: "GET", path: "/admin", format: "admin", via: "express", handler: "adminOverview" },
  { method: "GET", path: "/admin/no-results", format: "admin", via: "express", handler: "adminNoResults" },
  { method: "GET", path: "/admin/searches", format: "admin", via: "express", handler: "adminSearches" },
  { method: "GET", path: "/admin/questions", format: "admin", via: "express", handler: "adminQuestions" },
  { method: "GET", path: "/admin/contacts", format: "admin", via: "express", handler: "adminContacts" },
  { method: "GET", path: "/admin/metrics", format: "admin", via: "express", handler: "adminMetrics" },
  {
    method: "GET",
    path: "/admin/reports/no-results.csv",
    format: "admin",
    via: "express",
    handler: "adminNoResultsCsv",
  },
  { method: "GET", path: "/admin/reports/searches.csv", format: "admin", via: "express", handler: "adminSearchesCsv" },
  {
    method: "GET",
    path: "/admin/reports/questions.csv",
    format: "admin",
    via: "express",
    handler: "adminQuestionsCsv",
  },
  { method: "GET", path: "/admin/reports/contacts.csv", format: "admin", via: "express", handler: "adminContactsCsv" },
  { method: "GET", path: "/admin/notices", format: "admin", via: "express", handler: "adminNotices" },
  { method: "POST", path: "/admin/notices", format: "admin", via: "express", handler: "adminNoticeCreate" },
  { method: "GET", path: "/admin/notices/:id", format: "admin", via: "express", handler: "adminNoticeEdit" },
  { method: "POST", path: "/admin/notices/:id", format: "admin", via: "express", handler: "adminNoticeUpdate" },
  { method: "POST", path: "/admin/notices/:id/end", format: "admin", via: "express", handler: "adminNoticeEnd" },
  { method: "GET", path: "/admin/audit", format: "admin", via: "express", handler: "adminAudit" },
  { method: "GET", path: "/admin/suggestions", format: "admin", via: "express", handler: "adminSuggestions" },
  { method: "POST", path: "/admin/suggestions/:id", format: "admin", via: "express", handler: "adminSuggestionDecide" },
  {
    method: "GET",
    path: "/admin/reports/suggestions.patch",
    format: "admin",
    via: "express",
    handler: "adminSuggestionsPatch",
  },
  {
    method: "GET",
    path: "/admin/reports/search-checks.json",
    format: "admin",
    via: "express",
    handler: "adminSearchChecks",
  },
  // Anything else under /admin is not found, but only a signed-in operator may learn even that.
  { method: "ALL", path: "/admin/*rest", format: "admin", via: "express", handler: "adminOther" },
] as const satisfies readonly RouteRow[];

export type Method = "GET" | "POST" | "ALL";

/** The header set a route's answers carry, and the shape of its error bodies. */
export type Format = "page" | "api" | "admin";

/** What a fast answer is handed: the request's id, the headers it starts with, the query string. */
export interface FastContext {
  id: string;
  path: string;
  head: HeadPairs;
  query: string;
}
export type FastHandler = (req: IncomingMessage, res: ServerResponse, context: FastContext) => void;

export interface FastHandlers {
  page: FastHandler;
  searchPage: FastHandler;
  searchApi: FastHandler;
  vote: FastHandler;
}

/** A handler, or a chain of them (a body parser, its error handler, then the handler). */
type ExpressHandler = RequestHandler | readonly (RequestHandler | ErrorRequestHandler)[];
export interface ExpressHandlers {
  errorCode: ExpressHandler;
  contactPage: ExpressHandler;
  contactGo: ExpressHandler;
  feedbackForm: ExpressHandler;
  feedbackThanks: ExpressHandler;
  events: ExpressHandler;
  healthz: ExpressHandler;
  readyz: ExpressHandler;
  metrics: ExpressHandler;
  publicFile: ExpressHandler;
  adminLoginForm: ExpressHandler;
  adminSignIn: ExpressHandler;
  adminSignOut: ExpressHandler;
  adminOverview: ExpressHandler;
  adminNoResults: ExpressHandler;
  adminSearches: ExpressHandler;
  adminQuestions: ExpressHandler;
  adminNoResultsCsv: ExpressHandler;
  adminSearchesCsv: ExpressHandler;
  adminQuestionsCsv: ExpressHandler;
  adminContacts: ExpressHandler;
  adminContactsCsv: ExpressHandler;
  adminMetrics: ExpressHandler;
  adminNotices: ExpressHandler;
  adminNoticeCreate: ExpressHandler;
  adminNoticeEdit: ExpressHandler;
  adminNoticeUpdate: ExpressHandler;
  adminNoticeEnd: ExpressHandler;
  adminAudit: ExpressHandler;
  adminSuggestions: ExpressHandler;
  adminSuggestionDecide: ExpressHandler;
  adminSuggestionsPatch: ExpressHandler;
  adminSearchChecks: ExpressHandler;
  adminOther: ExpressHandler;
}

/** The handlers of one app; a feature that is off (feedback, the dashboard) leaves its rows unanswered. */
export type RouteHandlers = Partial<FastHandlers> & Partial<ExpressHandlers>;

interface CommonRow {
  method: Method;
  path: string;
  format: Format;
}
export type FastRow = CommonRow & { via: "fast"; handler: keyof FastHandlers };
export type ExpressRow = CommonRow & { via: "express"; handler: keyof ExpressHandlers };
export type RouteRow = FastRow | ExpressRow;
