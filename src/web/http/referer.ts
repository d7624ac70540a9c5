import type { IncomingMessage } from "node:http";

/**
 * The path of the page a request came from, when the browser says (the site's Referrer-Policy sends the
 * whole URL within the site, only the origin elsewhere); undefined when it does not or cannot be read.
 */
export function refererPath(req: IncomingMessage): string | undefined {
  const referer = req.headers.referer;
  if (!referer) return undefined;
  try {
    return new URL(referer).pathname;
  } catch {
    return undefined;
  }
}
