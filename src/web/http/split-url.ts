/** A request's target as its path and its query string (without the "?"; empty when there is none). */
export function splitUrl(url: string | undefined): { path: string; query: string } {
  const raw = url ?? "/";
  const mark = raw.indexOf("?");
  return mark === -1 ? { path: raw, query: "" } : { path: raw.slice(0, mark), query: raw.slice(mark + 1) };
}
