import type { RequestListener } from "./create-app.js";

/**
 * A request listener that delegates to the current app. Swapping is one assignment: each request is
 * answered wholly by the app that was current when it arrived, with its own index, pages and caches.
 */
export function liveApp(initial: RequestListener): { handle: RequestListener; swap: (next: RequestListener) => void } {
  let current = initial;
  return {
    handle: (req, res) => current(req, res),
    swap: (next) => {
      current = next;
    },
  };
}
