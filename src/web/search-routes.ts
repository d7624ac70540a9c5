import { Router } from "express";
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

/** `/api/search` (JSON) and `/search` (the results page, which works with JavaScript off). */
export function searchRoutes(content: Content, index: SearchIndex, html: (page: PageModel) => string): Router {
  const router = Router();
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

  router.get("/api/search", (req, res) => {
    const parsed = parseSearchRequest(req.query);
    if (!parsed.ok) return res.status(400).json({ error: parsed.error });
    const { q, limit } = parsed.value;
    const response = cached("api", q, limit, () => {
      const body = JSON.stringify(toApiResponse(outcome(q, limit)));
      return new PreparedResponse(Buffer.from(body), "application/json; charset=utf-8", SEARCH_CACHE);
    });
    return sendPrepared(req, res, response);
  });

  const emptySearchPage = html(searchPage(content, undefined));
  router.get("/search", (req, res) => {
    if (req.query.q === undefined || req.query.q === "") return res.type("html").send(emptySearchPage);
    const parsed = parseSearchRequest({ q: req.query.q });
    if (!parsed.ok) return res.status(400).type("html").send(html(searchPage(content, undefined, parsed.message)));
    const { q, limit } = parsed.value;
    const response = cached("page", q, limit, () => PreparedResponse.html(html(searchPage(content, outcome(q, limit)))));
    return sendPrepared(req, res, response);
  });

  return router;
}
