import type { IncomingMessage, ServerResponse } from "node:http";
import { HttpError, toHttpError } from "../http/http-error.js";
import type { HeadPairs, PreparedResponse } from "../http/prepared-response.js";
import { HTML_UTF8, replyBody, replyJson, replyPrepared } from "../http/reply.js";
import type { Format } from "./routes.js";

/** Where failures go: the logger in production, a collector in tests; with the request's id when known. */
export type OnError = (error: unknown, context?: { requestId?: string }) => void;

/** The pages an error is shown on. */
export interface ErrorPages {
  notFound: PreparedResponse;
  /** A 4xx page saying what was wrong. */
  refusalPage: (error: HttpError) => PreparedResponse;
  /** The 500 page, naming the request's id so support can find its log line. */
  serverErrorFor: (requestId: string) => PreparedResponse;
  /** An error in the dashboard's own layout. */
  adminErrorHtml: (error: HttpError, requestId: string) => string;
}

export interface ErrorContext {
  id: string;
  format: Format;
  /** Headers not yet set on the response (the fast path's; Express has set its own already). */
  head: HeadPairs;
}

export type AnswerError = (req: IncomingMessage, res: ServerResponse, error: unknown, context: ErrorContext) => void;

/**
 * The one error boundary, for both paths: a refusal (an HttpError, or a client's mistake Express's body
 * parser threw) is answered in the route's format with its status; anything else is reported to `onError`
 * and answered 500, showing neither the error nor a stack.
 */
export function errorBoundary(pages: ErrorPages, onError: OnError): AnswerError {
  return (req, res, thrown, { id, format, head }) => {
    const error = toHttpError(thrown);
    const failed = error.status >= 500 && !(thrown instanceof HttpError);
    if (failed) onError(thrown, { requestId: id });
    // Half an answer is on its way already: all that is left is to cut it off.
    if (res.headersSent) return void res.destroy();
    const pairs = [...head, ...error.headPairs()];
    if (format === "api") {
      const message = failed ? `${error.publicError} Request id: ${id}.` : error.publicError;
      return replyJson(req, res, error.status, { error: message }, pairs);
    }
    if (format === "admin") return replyBody(req, res, error.status, HTML_UTF8, pages.adminErrorHtml(error, id), pairs);
    if (failed) return replyPrepared(req, res, pages.serverErrorFor(id), { head: pairs });
    if (error.status === 404) return replyPrepared(req, res, pages.notFound, { head: pairs });
    return replyPrepared(req, res, pages.refusalPage(error), { status: error.status, head: pairs });
  };
}
