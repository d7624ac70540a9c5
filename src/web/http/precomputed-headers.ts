import { IncomingMessage, ServerResponse } from "node:http";
import { Socket } from "node:net";

/** Connect-style middleware that only sets headers (helmet's). */
export type HeaderMiddleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

/** Sets the recorded headers on a response. */
export type ReplayHeaders = (res: ServerResponse) => void;

/**
 * Runs header-only middleware once, against a real but unconnected Node response, and returns a function
 * that sets the same headers on every response: one loop instead of a dozen middleware steps per request.
 * Only for middleware whose headers do not depend on the request.
 */
export function precomputedHeaders(middleware: HeaderMiddleware): ReplayHeaders {
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
  const entries = Object.entries(recorder.getHeaders()).flatMap(([name, value]) => (value === undefined ? [] : [[name, value] as const]));
  return (res) => {
    for (const [name, value] of entries) res.setHeader(name, value);
  };
}
