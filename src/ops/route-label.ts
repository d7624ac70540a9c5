/**
 * The route pattern a path belongs to, for metrics labels: a bounded set, never the raw path (which would
 * let any client create a new time series per URL).
 */
const EXACT = new Set([
  "/",
  "/search",
  "/api/search",
  "/api/feedback",
  "/api/events",
  "/feedback",
  "/feedback/thanks",
  "/healthz",
  "/readyz",
  "/metrics",
  "/sitemap.xml",
  "/robots.txt",
  "/opensearch.xml",
  "/favicon.ico",
  "/admin",
  "/admin/login",
  "/admin/logout",
  "/admin/no-results",
  "/admin/searches",
  "/admin/questions",
  "/admin/reports/no-results.csv",
  "/admin/reports/searches.csv",
  "/admin/reports/questions.csv",
]);
const PREFIXES: ReadonlyArray<readonly [string, string]> = [
  ["/questions/", "/questions/:id"],
  ["/categories/", "/categories/:id"],
  ["/errors/", "/errors/:code"],
  ["/assets/", "/assets/:file"],
  ["/admin/", "/admin/*"],
];

export function routeLabel(pathname: string): string {
  if (EXACT.has(pathname)) return pathname;
  for (const [prefix, label] of PREFIXES) if (pathname.startsWith(prefix)) return label;
  return "other";
}
