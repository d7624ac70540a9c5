import { IncomingMessage, ServerResponse } from "node:http";
import { Socket } from "node:net";
import type { HeadPairs } from "./prepared-response.js";

/** Connect-style middleware that only sets headers (helmet's). */
export type HeaderMiddleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

/** Sets the recorded headers on a response. */
export type ReplayHeaders = (res: ServerResponse) => void;

export interface PrecomputedHeaders {
  /** Sets them with `setHeader`, for a response that more code will add to (Express's). */
  set: ReplayHeaders;
  /** The same as name/value pairs, for an answer sent with one `writeHead`. */
  pairs: HeadPairs;
}

/**
 * Runs header-only middleware once, against a real but unconnected Node response, and returns the headers it
 * set, to be sent on every response: one loop or one array instead of a dozen middleware steps per request.
 * Only for middleware whose headers do not depend on the request.
 */
export function precomputedHeaders(middleware: HeaderMiddleware): PrecomputedHeaders {
  const req = new IncomingMessage(new Socket());
  req.method = "GET";
  req.url = "/";
  const recorder = new ServerResponse(req);
  let done = false;
  middleware(req, recorder, (error) => {
    if (error) throw error;
    done = true;
  });
  if (!done) throw new Error("precomputedHeaders: the middleware did not finish synchronously");
  const entries = Object.entries(recorder.getHeaders()).flatMap(([name, value]) =>
    value === undefined ? [] : [[name, value] as const],
  );
  // After a setHeader (Express's, or Connection: close), Node applies writeHead's pairs one name at a time,
  // so a name given twice would keep only its last value.
  const pairs = entries.flatMap(([name, value]) => {
    if (Array.isArray(value)) throw new Error(`precomputedHeaders: ${name} has several values; send it as one`);
    return [name, String(value)];
  });
  return {
    set: (res) => {
      for (const [name, value] of entries) res.setHeader(name, value);
    },
    pairs,
  };
}
