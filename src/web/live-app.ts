import type { IncomingMessage, ServerResponse } from "node:http";

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * A request handler that delegates to the current app. Swapping is one assignment: each request is
 * answered wholly by the app that was current when it arrived, with its own index, pages and caches.
 */
export function liveApp(initial: Handler): { handle: Handler; swap: (next: Handler) => void } {
  let current = initial;
  return {
    handle: (req, res) => current(req, res),
    swap: (next) => {
      current = next;
    },
  };
}
