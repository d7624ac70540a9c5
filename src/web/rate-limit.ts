import type { IncomingMessage, ServerResponse } from "node:http";
import { ipKeyGenerator, rateLimit } from "express-rate-limit";

/** Requests per minute per client; generous, since one partner office may share an address. */
export const DEFAULT_SEARCH_RATE_LIMIT = 300;

export type Limiter = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/**
 * Limits /api/search per client address. It runs on the app's fast path, outside Express, so the key
 * comes from the socket and the refusal is written with plain Node calls: 429 JSON with Retry-After.
 * `0` turns it off.
 */
export function searchRateLimit(requestsPerMinute: number): Limiter | undefined {
  if (requestsPerMinute === 0) return undefined;
  const limiter = rateLimit({
    windowMs: 60_000,
    limit: requestsPerMinute,
    standardHeaders: "draft-7",
    legacyHeaders: false,
    keyGenerator: (req) => ipKeyGenerator(req.socket.remoteAddress ?? "unknown"),
    // Its checks assume Express's req.ip and app settings, which this path does not have.
    validate: false,
    handler: (_req, res) => {
      const seconds = res.getHeader("Retry-After") ?? "60";
      const body = JSON.stringify({ error: `Too many searches from this address: try again in ${String(seconds)} seconds.` });
      res.statusCode = 429;
      res.setHeader("Content-Type", "application/json; charset=utf-8");
      res.setHeader("Content-Length", Buffer.byteLength(body));
      res.end(body);
    },
  });
  return limiter as unknown as Limiter;
}
