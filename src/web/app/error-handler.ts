import type { ErrorRequestHandler } from "express";
import { sendPrepared, type PreparedResponse } from "../http/prepared-response.js";

/** Where failures go: the logger in production, a collector in tests; with the request's id when known. */
export type OnError = (error: unknown, context?: { requestId?: string }) => void;

/**
 * The last handler: a client's mistake (bad percent-encoding, a malformed body) gets the 400 page, anything
 * else the 500 page. Neither shows the error itself; the details go to `onError` only.
 */
export function errorHandler(
  pages: {
    notFound: PreparedResponse;
    badRequest: PreparedResponse;
    serverErrorFor: (requestId: string) => PreparedResponse;
  },
  onError: OnError,
): ErrorRequestHandler {
  return (error: { status?: unknown; statusCode?: unknown }, req, res, next) => {
    if (res.headersSent) return next(error);
    const status = Number(error.status ?? error.statusCode ?? 500);
    if (status === 404) return sendPrepared(req, res, pages.notFound);
    if (status >= 400 && status < 500) return sendPrepared(req, res, pages.badRequest, { status });
    const requestId = String(res.getHeader("X-Request-Id") ?? "");
    onError(error, { requestId });
    return sendPrepared(req, res, pages.serverErrorFor(requestId));
  };
}
