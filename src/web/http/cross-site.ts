import type { IncomingHttpHeaders } from "node:http";

/**
 * True when a browser says the request comes from another site: `Sec-Fetch-Site` other than same-origin
 * or none (typed, bookmarked), or an `Origin` whose host is not this request's host. A request with
 * neither header (curl, old browsers) is not cross-site by this test; forms in other sites always send one.
 */
export function isCrossSite(headers: IncomingHttpHeaders): boolean {
  const site = headers["sec-fetch-site"];
  if (site !== undefined && site !== "same-origin" && site !== "none") return true;
  const origin = headers.origin;
  if (origin === undefined) return false;
  if (origin === "null") return true;
  try {
    return new URL(origin).host !== headers.host;
  } catch {
    return true;
  }
}
