import express, { type ErrorRequestHandler, type Express, type RequestHandler } from "express";
import { decodedPath } from "../../url/decoded-path.js";
import { refusals } from "../http/http-error.js";
import type { ReplayHeaders } from "../http/precomputed-headers.js";
import type { AnswerError } from "./error-boundary.js";
import type { RouteMatcher } from "./route-match.js";
import type { ExpressHandlers, ExpressRow, Format, RouteRow } from "./routes.js";

export interface ExpressParts {
  rows: readonly RouteRow[];
  handlers: Partial<ExpressHandlers>;
  matcher: RouteMatcher;
  /** Sets each format's headers on a response that Express goes on to write. */
  headers: Record<Format, ReplayHeaders>;
  answerError: AnswerError;
}

/**
 * Mounts the table's `express` rows, in its order: each row's headers, then its handler. A path answered
 * for other methods only is a 405 with the table's Allow list; a path no row has is the 404, and any throw
 * or rejection (Express 5 catches both) reaches the one error boundary.
 */
export function expressApp(parts: ExpressParts): Express {
  const { matcher, headers } = parts;
  const app = express();
  app.disable("x-powered-by");
  // One spelling per URL (see canonicalPath): a GET for another is redirected before it gets here.
  app.set("case sensitive routing", true);
  app.set("strict routing", true);
  app.set("etag", false);

  const withHeaders =
    (format: Format): RequestHandler =>
    (_req, res, next) => {
      headers[format](res);
      next();
    };
  const byPath = new Map<string, ExpressRow[]>();
  for (const row of parts.rows) {
    if (row.via === "express" && parts.handlers[row.handler] !== undefined)
      byPath.set(row.path, [...(byPath.get(row.path) ?? []), row]);
  }
  for (const [path, rows] of byPath) {
    for (const row of rows) {
      const handlers = [withHeaders(row.format), ...[parts.handlers[row.handler] ?? []].flat()];
      if (row.method === "GET") app.get(path, ...handlers);
      else if (row.method === "POST") app.post(path, ...handlers);
      else app.all(path, ...handlers);
    }
    const format = rows[0]?.format ?? "page";
    if (!rows.some((row) => row.method === "ALL"))
      app.all(path, withHeaders(format), (req, _res, next) => {
        // A row that passed the request on (a file public/ does not have) ends at the 404, not here.
        const allow = matcher.allowOf(req.path);
        next(allow.includes(req.method) ? undefined : refusals.methodNotAllowed(allow));
      });
  }

  app.use((req, res, next) => {
    headers[matcher.formatOf(req.path)](res);
    // A path that is not even valid percent-encoding is the client's mistake, not a missing page.
    next(
      decodedPath(req.path) !== undefined
        ? refusals.notFound()
        : refusals.badRequest("The path is not valid percent-encoding."),
    );
  });
  const boundary: ErrorRequestHandler = (error, req, res, _next) => {
    parts.answerError(req, res, error, {
      id: String(res.getHeader("X-Request-Id") ?? ""),
      format: matcher.formatOf(req.path),
      head: [],
    });
  };
  app.use(boundary);
  return app;
}
