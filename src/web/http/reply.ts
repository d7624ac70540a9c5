import { once } from "node:events";
import type { IncomingMessage, ServerResponse } from "node:http";
import { setImmediate as nextTurn } from "node:timers/promises";
import type { HttpError } from "./http-error.js";
import { countBodyBytes, type HeadPairs, send, sendPrepared } from "./prepared-response.js";

/**
 * The one way an answer is written, on the fast path and in Express alike (an Express `Response` is a
 * `ServerResponse`): each sends its headers in one `writeHead`, after any Express has set.
 */
export { send as replyBody, sendPrepared as replyPrepared };

export const JSON_UTF8 = "application/json; charset=utf-8";
export const HTML_UTF8 = "text/html; charset=utf-8";

export function replyJson(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  value: unknown,
  head: HeadPairs = [],
): void {
  send(req, res, status, JSON_UTF8, JSON.stringify(value), head);
}

/** `{"error": "…"}` with the headers the status calls for (Retry-After, Allow). */
export function replyJsonError(
  req: IncomingMessage,
  res: ServerResponse,
  error: HttpError,
  head: HeadPairs = [],
): void {
  replyJson(req, res, error.status, { error: error.publicError }, [...head, ...error.headPairs()]);
}

/** A redirect with no body; `location` must be a path of ours or a URL built from one. */
export function replyRedirect(res: ServerResponse, status: 301 | 303, location: string, head: HeadPairs = []): void {
  res.writeHead(status, [...head, "Location", location, "Content-Length", "0"]);
  res.end();
}

/**
 * A body sent in pieces as they are made (chunked), for downloads that can run to thousands of rows: it waits
 * whenever the client reads slower than it is sent, and lets other requests in between pieces, so a large
 * file never holds the event loop or piles up in memory. Stops when the client goes away.
 */
export async function replyStream(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  type: string,
  pieces: Iterable<string>,
  head: HeadPairs = [],
): Promise<void> {
  res.writeHead(status, [...head, "Content-Type", type]);
  let bytes = 0;
  if (req.method !== "HEAD")
    for (const piece of pieces) {
      if (res.destroyed) return;
      bytes += Buffer.byteLength(piece);
      if (!res.write(piece)) await drainedOrClosed(res);
      await nextTurn();
    }
  countBodyBytes(res, bytes);
  res.end();
}

/** Resolves when the response may be written again, or is gone; leaves no listener behind either way. */
async function drainedOrClosed(res: ServerResponse): Promise<void> {
  const done = new AbortController();
  try {
    await Promise.race([once(res, "drain", { signal: done.signal }), once(res, "close", { signal: done.signal })]);
  } finally {
    done.abort();
  }
}
