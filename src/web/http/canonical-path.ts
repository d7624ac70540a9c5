import { decodedPath } from "../../url/decoded-path.js";

/**
 * One rule for every URL of the site: lower case, no trailing slash. A GET for another spelling — a link
 * typed from a printed page, a colleague's paste with a slash added — is sent to the canonical one.
 * `/errors/<code>` keeps its case: the code part is folded by the route itself, which echoes only the code.
 * Percent-escapes are kept as they are, since their hex digits are not part of the path's spelling.
 *
 * Returns the canonical path, or undefined when the path already is canonical.
 */
export function canonicalPath(pathname: string): string | undefined {
  // A path that is not valid percent-encoding is the client's mistake: routing answers it with a 400.
  if (decodedPath(pathname) === undefined) return undefined;
  let canonical = pathname.startsWith("/errors/")
    ? pathname
    : pathname.replace(/%[0-9A-Fa-f]{2}|[A-Z]+/g, (part) => (part[0] === "%" ? part : part.toLowerCase()));
  if (canonical.length > 1) canonical = canonical.replace(/\/+$/, "") || "/";
  // "//evil.example" would be read by a browser as another host, and so would "/\\evil.example" (browsers
  // take a backslash for a slash): never redirect to a path that starts so.
  if (/^[/\\]{2}/.test(canonical)) return undefined;
  return canonical === pathname ? undefined : canonical;
}
