import { EmptyingCache } from "../http/emptying-cache.js";
import type { parseSearchRequest, SearchRequest } from "./search-request.js";

/** The query string as `parseSearchRequest` expects it: one value as a string, a repeated one as a list. */
export function queryRecord(queryString: string): Record<string, unknown> {
  const record: Record<string, unknown> = Object.create(null);
  for (const [key, value] of new URLSearchParams(queryString)) {
    const earlier = record[key];
    record[key] = earlier === undefined ? value : Array.isArray(earlier) ? [...earlier, value] : [earlier, value];
  }
  return record;
}

type Parsed = ReturnType<typeof parseSearchRequest>;
/**
 * The longest query string remembered: 200 characters of q, each up to 12 when percent-encoded (4 bytes of
 * UTF-8), with room for limit. Longer ones carry more than a valid query needs: not worth the memory.
 */
const REMEMBERED_QUERY_STRING = 4096;
/** Query strings remembered per route. */
const REMEMBERED = 1000;
/** A valid search request with the key of its finished response. */
type Keyed = { ok: true; value: SearchRequest & { key: string } };

/**
 * Parses a route's query strings, remembering the valid ones as received: a repeated search (most are)
 * then skips decoding and validating it, and building its response's key.
 */
export function rememberedQueryStrings<Empty extends undefined = never>(
  kind: string,
  parse: (query: Record<string, unknown>) => Parsed | Empty,
) {
  const known = new EmptyingCache<string, Keyed>(REMEMBERED);
  return {
    parse(queryString: string): Keyed | Exclude<Parsed, { ok: true }> | Empty {
      const remembered = known.get(queryString);
      if (remembered !== undefined) return remembered;
      const parsed = parse(queryRecord(queryString));
      if (parsed === undefined || !parsed.ok) return parsed;
      const { q, limit } = parsed.value;
      const keyed: Keyed = { ok: true, value: { q, limit, key: `${kind}\u0000${limit}\u0000${q}` } };
      if (queryString.length > REMEMBERED_QUERY_STRING) return keyed;
      known.set(queryString, keyed);
      return keyed;
    },
  };
}
