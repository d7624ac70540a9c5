import helmet from "helmet";
import type { HeaderMiddleware } from "./precomputed-headers.js";

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
