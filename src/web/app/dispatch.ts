import type { IncomingMessage, ServerResponse } from "node:http";
import { canonicalPath } from "../http/canonical-path.js";
import { refusals } from "../http/http-error.js";
import type { HeadPairs } from "../http/prepared-response.js";
import { replyRedirect } from "../http/reply.js";
import { pathOf, queryOf } from "../http/split-url.js";
import type { AnswerError } from "./error-boundary.js";
import { isPattern, type RouteMatcher, rowAllows } from "./route-match.js";
import type { FastHandler, FastHandlers, Format, RouteRow } from "./routes.js";

export interface DispatchParts {
  /** The rows this app answers (a feature that is off has none). */
  rows: readonly RouteRow[];
  matcher: RouteMatcher;
  fast: Partial<FastHandlers>;
  /** The exact paths the `page` rows answer: every rendered page and asset. */
  pages: { has(path: string): boolean };
  /** The headers each format's answers start with, as pairs for one writeHead. */
  heads: Record<Format, HeadPairs>;
  /** Everything the fast path does not answer. */
  express: (req: IncomingMessage, res: ServerResponse) => void;
  answerError: AnswerError;
}

type Compiled = { row: RouteRow; handler: FastHandler };

/**
 * The request path, in the order a request takes it: a fast row answers from memory (a wrong method is a
 * 405 from the table); a GET for another spelling of a URL is redirected to its canonical one; the rest
 * goes to Express. A throw here reaches the same error boundary as one in Express.
 */
export function dispatcher(parts: DispatchParts): (req: IncomingMessage, res: ServerResponse, id: string) => void {
  const { fast, pages, heads } = parts;
  const exact = new Map<string, Compiled>();
  let pageRoute: Compiled | undefined;
  for (const row of parts.rows) {
    if (row.via !== "fast") continue;
    const handler = fast[row.handler];
    if (handler === undefined) continue;
    if (row.handler === "page") pageRoute ??= { row, handler };
    else if (isPattern(row.path))
      throw new Error(`route ${row.path}: a fast row other than a page needs an exact path`);
    else exact.set(row.path, { row, handler });
  }
  const headWith = (format: Format, id: string) => [...heads[format], "X-Request-Id", id];

  const answer = (req: IncomingMessage, res: ServerResponse, id: string): void => {
    const path = pathOf(req.url);
    const query = queryOf(req.url);
    const method = req.method ?? "GET";
    const found = exact.get(path) ?? (pageRoute !== undefined && pages.has(path) ? pageRoute : undefined);
    if (found !== undefined) {
      const head = headWith(found.row.format, id);
      if (rowAllows(found.row, method)) return found.handler(req, res, { id, head, query, path });
      const refusal = refusals.methodNotAllowed(parts.matcher.allowOf(path));
      return parts.answerError(req, res, refusal, { id, format: found.row.format, head });
    }
    if (method === "GET" || method === "HEAD") {
      const canonical = canonicalPath(path);
      const location = canonical === undefined ? undefined : query === "" ? canonical : `${canonical}?${query}`;
      // Only what a header may carry; anything else is not a page of ours and gets Express's 404.
      if (location !== undefined && /^[\x21-\x7e]*$/.test(location))
        return replyRedirect(res, 301, location, [...headWith("page", id), "Cache-Control", "public, max-age=3600"]);
    }
    // Express sets its headers one by one; an answer made here sends them with its own in one writeHead.
    res.setHeader("X-Request-Id", id);
    parts.express(req, res);
  };

  return (req, res, id) => {
    try {
      answer(req, res, id);
    } catch (error) {
      // Outside Express nothing else would catch a throw, and an uncaught one would end the process.
      const format = parts.matcher.formatOf(pathOf(req.url));
      parts.answerError(req, res, error, { id, format, head: res.headersSent ? [] : headWith(format, id) });
    }
  };
}
