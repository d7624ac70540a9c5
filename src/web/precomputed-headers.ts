import type { IncomingMessage, ServerResponse } from "node:http";
import type { RequestHandler } from "express";

type Middleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

/**
 * Runs header-only middleware (helmet's) once against a recording response and replays what it set on
 * every request: the same headers, one call instead of a dozen middleware steps per request.
 * Only for middleware whose headers do not depend on the request.
 */
export type PrecomputedHeaders = RequestHandler & {
  /** Sets the headers on a response outside Express; returns true so it can lead a chain. */
  replay: (res: ServerResponse) => true;
};

export function precomputedHeaders(middleware: Middleware): PrecomputedHeaders {
  const headers = new Map<string, string | number | readonly string[]>();
  const removed: string[] = [];
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers.set(name, value);
      return recorder;
    },
    removeHeader(name: string) {
      headers.delete(name);
      removed.push(name);
    },
    getHeader(name: string) {
      return headers.get(name);
    },
  };
  let done = false;
  middleware({ headers: {}, method: "GET", url: "/" } as IncomingMessage, recorder as unknown as ServerResponse, (error) => {
    if (error) throw error;
    done = true;
  });
  if (!done) throw new Error("precomputedHeaders: the middleware did not finish synchronously");
  const entries = [...headers];
  const replay = (res: ServerResponse): true => {
    for (const name of removed) res.removeHeader(name);
    for (const [name, value] of entries) res.setHeader(name, value);
    return true;
  };
  const handler: RequestHandler = (_req, res, next) => {
    replay(res);
    next();
  };
  return Object.assign(handler, { replay });
}
