import type { IncomingMessage, ServerResponse } from "node:http";
import type { Content } from "../content/types.js";
import { normalise, type SearchIndex } from "../search/index.js";
import { LruCache } from "./lru-cache.js";
import type { PageModel } from "./page-models.js";
import { PreparedResponse, sendPrepared } from "./prepared-response.js";
import { runSearch, toApiResponse, type SearchOutcome } from "./run-search.js";
import { searchPage } from "./search-page-model.js";
import { parseSearchRequest } from "./search-request.js";

const CACHE_ENTRIES = 1000;
const SEARCH_CACHE = "public, max-age=60";

export type SearchHandler = (req: IncomingMessage, res: ServerResponse, queryString: string) => void;

/** The query string as `parseSearchRequest` expects it: one value as a string, a repeated one as a list. */
export function queryRecord(queryString: string): Record<string, unknown> {
  const params = new URLSearchParams(queryString);
  const record: Record<string, unknown> = Object.create(null);
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    record[key] = values.length === 1 ? values[0] : values;
  }
  return record;
}

/**
 * `/api/search` (JSON) and `/search` (the results page, which works with JavaScript off), as plain Node
 * handlers: the app calls them before Express routing, since a search is a map lookup once cached.
 */
export function searchHandlers(content: Content, index: SearchIndex, html: (page: PageModel) => string): { api: SearchHandler; page: SearchHandler } {
  // Two bounded caches, so odd queries cannot fill memory: the search outcome by normalised query, so
  // "ＡＥ０１" and "ae01" are searched once; the finished response by the query as typed, since it echoes it.
  const outcomes = new LruCache<string, SearchOutcome>(CACHE_ENTRIES);
  const responses = new LruCache<string, PreparedResponse>(CACHE_ENTRIES);
  const outcome = (q: string, limit: number): SearchOutcome => {
    const key = `${limit}\u0000${normalise(q)}`;
    let found = outcomes.get(key);
    if (!found) outcomes.set(key, (found = runSearch(content, index, q, limit)));
    return { ...found, query: q };
  };
  const cached = (kind: string, q: string, limit: number, make: () => PreparedResponse) => {
    const key = `${kind}\u0000${limit}\u0000${q}`;
    let response = responses.get(key);
    if (!response) responses.set(key, (response = make()));
    return response;
  };
  const send = (req: IncomingMessage, res: ServerResponse, status: number, type: string, body: string) => {
    res.statusCode = status;
    res.setHeader("Content-Type", type);
    res.setHeader("Content-Length", Buffer.byteLength(body));
    res.end(req.method === "HEAD" ? undefined : body);
  };

  const api: SearchHandler = (req, res, queryString) => {
    const parsed = parseSearchRequest(queryRecord(queryString));
    if (!parsed.ok) return send(req, res, 400, "application/json; charset=utf-8", JSON.stringify({ error: parsed.error }));
    const { q, limit } = parsed.value;
    const response = cached("api", q, limit, () => {
      const body = JSON.stringify(toApiResponse(outcome(q, limit)));
      return new PreparedResponse(Buffer.from(body), "application/json; charset=utf-8", SEARCH_CACHE);
    });
    return sendPrepared(req, res, response);
  };

  const emptySearchPage = PreparedResponse.html(html(searchPage(content, undefined)));
  const page: SearchHandler = (req, res, queryString) => {
    const query = queryRecord(queryString);
    if (query.q === undefined || query.q === "") return sendPrepared(req, res, emptySearchPage);
    const parsed = parseSearchRequest({ q: query.q });
    if (!parsed.ok) return send(req, res, 400, "text/html; charset=utf-8", html(searchPage(content, undefined, parsed.message)));
    const { q, limit } = parsed.value;
    const response = cached("page", q, limit, () => PreparedResponse.html(html(searchPage(content, outcome(q, limit)))));
    return sendPrepared(req, res, response);
  };

  return { api, page };
}
