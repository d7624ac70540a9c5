/**
 * A request's target as its path and its query string (without the "?"; empty when there is none). Two
 * functions returning strings rather than one returning an object: they run for every request.
 */
export function pathOf(url: string | undefined): string {
  const raw = url ?? "/";
  const mark = raw.indexOf("?");
  return mark === -1 ? raw : raw.slice(0, mark);
}

export function queryOf(url: string | undefined): string {
  const raw = url ?? "/";
  const mark = raw.indexOf("?");
  return mark === -1 ? "" : raw.slice(mark + 1);
}
