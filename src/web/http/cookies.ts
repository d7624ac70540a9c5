import type { IncomingMessage } from "node:http";

/** One cookie's value from the request, or undefined. Only the names this site sets are ever asked for. */
export function readCookie(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq !== -1 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export interface CookieOptions {
  secure: boolean;
  maxAgeSeconds?: number;
}

/**
 * A Set-Cookie value that scripts cannot read (HttpOnly), that no other site's request carries
 * (SameSite=Strict), for the whole site (Path=/), and over HTTPS only when the site is served so.
 */
export function cookieHeader(name: string, value: string, options: CookieOptions): string {
  const parts = [`${name}=${value}`, "Path=/", "HttpOnly", "SameSite=Strict"];
  if (options.secure) parts.push("Secure");
  if (options.maxAgeSeconds !== undefined) parts.push(`Max-Age=${options.maxAgeSeconds}`);
  return parts.join("; ");
}

/** `__Host-` binds the cookie to this host, HTTPS and Path=/; browsers accept the prefix only over HTTPS. */
export const cookieName = (base: string, secure: boolean): string => (secure ? `__Host-${base}` : base);
