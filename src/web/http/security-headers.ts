import helmet from "helmet";
import { type HeaderMiddleware, type PrecomputedHeaders, precomputedHeaders } from "./precomputed-headers.js";

/** Scripts and styles come only from our own files: no inline code, so injected markup cannot run. */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", "data:"],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/** A help center needs none of these browser features; saying so keeps injected or third-party code from them. */
export const PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";

/** For pages and every other response a browser may show as a document. */
export function securityHeaders(): HeaderMiddleware {
  const base = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    referrerPolicy: { policy: "strict-origin-when-cross-origin" },
    // Older browsers read X-Frame-Options only: DENY says what frame-ancestors 'none' says.
    xFrameOptions: { action: "deny" },
  });
  return (req, res, next) =>
    base(req, res, (error?: unknown) => {
      if (error) return next(error);
      res.setHeader("Permissions-Policy", PERMISSIONS_POLICY);
      return next();
    });
}

/**
 * For the JSON APIs (/api/search, /api/feedback, /api/events): the headers OWASP's REST Security cheat
 * sheet lists for an API. A JSON body is never a document, so the page policy's script, style and feature
 * rules say nothing about it; it needs only to load nothing, never be framed, never be sniffed as something
 * else, nor be read by another site's page.
 * Half the header bytes of a page, on the responses sent on every keystroke.
 */
export function apiSecurityHeaders(): HeaderMiddleware {
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
    crossOriginOpenerPolicy: false,
    originAgentCluster: false,
    referrerPolicy: { policy: "no-referrer" },
    xDnsPrefetchControl: false,
    xDownloadOptions: false,
    xFrameOptions: { action: "deny" },
    xPermittedCrossDomainPolicies: false,
    xXssProtection: false,
  });
}

/** The three header sets of the route table's formats, each computed once per app. */
export const pageHeaders = (): PrecomputedHeaders => precomputedHeaders(securityHeaders());
export const apiHeaders = (): PrecomputedHeaders => precomputedHeaders(apiSecurityHeaders());

/**
 * The dashboard's pages: a page's set, never kept by a browser or proxy (OWASP's session management cheat
 * sheet, for pages behind a session), and never indexed.
 */
export const adminHeaders = (): PrecomputedHeaders =>
  precomputedHeaders((req, res, next) =>
    securityHeaders()(req, res, (error) => {
      if (error) return next(error);
      res.setHeader("Cache-Control", "no-store");
      res.setHeader("X-Robots-Tag", "noindex, nofollow");
      return next();
    }),
  );
