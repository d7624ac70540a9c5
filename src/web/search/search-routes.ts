import type { IncomingMessage } from "node:http";
import { clientKey, type Limiter } from "../../limits/rate-limit.js";
import type { AnswerError } from "../app/error-boundary.js";
import type { FastHandler } from "../app/routes.js";
import type { IndexGate } from "./index-gate.js";
import type { SearchHandler, SearchHandlers } from "./search-handlers.js";

export interface SearchRouteOptions {
  search: SearchHandlers;
  gate: IndexGate;
  /** Searches per client; absent: no limit. */
  limiter: Limiter | undefined;
  addressOf: (req: IncomingMessage) => string;
  answerError: AnswerError;
}

/** GET /search and /api/search for the table: within the client's rate, once the index is there. */
export function searchRoutes(options: SearchRouteOptions): { searchPage: FastHandler; searchApi: FastHandler } {
  const { search, gate, limiter } = options;
  const route =
    (kind: "page" | "api", handler: SearchHandler): FastHandler =>
    (req, res, context) => {
      // Counted against the limit on arrival, not when the index lets it through: a burst held while the
      // index is built must not all be counted at once, past what the other processes have heard of.
      const decision = limiter?.hit(clientKey(options.addressOf(req)));
      if (decision && !decision.allowed)
        return search.tooMany(req, res, kind, decision.retryAfterSeconds, context.head);
      if (gate.ready()) return handler(req, res, context.query, context.head);
      const waited = gate.after(() => handler(req, res, context.query, context.head));
      if (waited instanceof Promise)
        waited.catch((error: unknown) =>
          options.answerError(req, res, error, { id: context.id, format: kind, head: context.head }),
        );
    };
  return { searchPage: route("page", search.page), searchApi: route("api", search.api) };
}
