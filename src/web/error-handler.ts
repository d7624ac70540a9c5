import type { ErrorRequestHandler } from "express";

/**
 * The last handler: a client's mistake (bad percent-encoding, say) gets the 400 page, anything else the
 * 500 page. Neither shows the error itself; the details go to the server log only.
 */
export function errorHandler(pages: { notFound: string; badRequest: string; serverError: string }): ErrorRequestHandler {
  return (error: { status?: unknown; statusCode?: unknown }, _req, res, next) => {
    if (res.headersSent) return next(error);
    const status = Number(error.status ?? error.statusCode ?? 500);
    if (status >= 400 && status < 500) {
      return res.status(status).type("html").send(status === 404 ? pages.notFound : pages.badRequest);
    }
    console.error(error);
    return res.status(500).type("html").send(pages.serverError);
  };
}
