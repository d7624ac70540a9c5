import { pathToRegexp } from "path-to-regexp";
import { EmptyingCache } from "../http/emptying-cache.js";
import type { Format, RouteRow } from "./routes.js";

/** What the table says of a path, whichever method asked for it. */
export interface RouteMatcher {
  /** The rows whose path matches, in the table's order. */
  rowsOf(pathname: string): readonly RouteRow[];
  /**
   * The metrics label: the first matching row's path pattern, never the raw path (which would let any
   * client create a new time series per URL); "other" for a path no row has.
   */
  labelOf(pathname: string): string;
  /** The methods the path answers, for a 405's Allow; empty when no row has the path. */
  allowOf(pathname: string): readonly string[];
  /** How an error on this path is answered: its row's format, else JSON under /api/ and a page elsewhere. */
  formatOf(pathname: string): Format;
}

/** Whether a row's path has parameters or a wildcard (Express 5 syntax), rather than being one exact path. */
export const isPattern = (path: string): boolean => /[:*(]/.test(path);

const METHODS_OF = { GET: ["GET", "HEAD"], POST: ["POST"], ALL: ["GET", "HEAD", "POST"] } as const;

/** Compiles the table with the same path syntax and matcher Express 5 routes with, so both agree. */
export function compileRoutes(rows: readonly RouteRow[]): RouteMatcher {
  const exact = new Map<string, RouteRow[]>();
  const patterns: Array<{ regexp: RegExp; row: RouteRow }> = [];
  for (const row of rows) {
    if (isPattern(row.path)) patterns.push({ regexp: pathToRegexp(row.path).regexp, row });
    else exact.set(row.path, [...(exact.get(row.path) ?? []), row]);
  }
  // An exact row is listed first; a pattern that also matches it (none today) comes after.
  const rowsOf = (pathname: string): readonly RouteRow[] => {
    const found = exact.get(pathname) ?? [];
    const matched = patterns.filter(({ regexp }) => regexp.test(pathname)).map(({ row }) => row);
    return matched.length === 0 ? found : [...found, ...matched];
  };
  const firstOf = (pathname: string): RouteRow | undefined => {
    const listed = exact.get(pathname);
    if (listed !== undefined) return listed[0];
    for (const { regexp, row } of patterns) if (regexp.test(pathname)) return row;
    return undefined;
  };
  // Every answered request is labelled: a path seen before costs one lookup, not a pattern test per row.
  const labels = new EmptyingCache<string, string>(4096);
  const labelOf = (pathname: string): string => {
    let label = labels.get(pathname);
    if (label === undefined) labels.set(pathname, (label = firstOf(pathname)?.path ?? "other"));
    return label;
  };
  return {
    rowsOf,
    labelOf,
    allowOf: (pathname) => [...new Set(rowsOf(pathname).flatMap((row) => METHODS_OF[row.method]))],
    formatOf: (pathname) => firstOf(pathname)?.format ?? (pathname.startsWith("/api/") ? "api" : "page"),
  };
}

/** Whether a row answers this method (a GET row answers HEAD). */
export function rowAllows(row: RouteRow, method: string): boolean {
  return (METHODS_OF[row.method] as readonly string[]).includes(method);
}
