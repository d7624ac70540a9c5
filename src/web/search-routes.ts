import { Router } from "express";
import type { Content } from "../content/types.js";
import type { SearchIndex } from "../search/index.js";
import type { PageModel } from "./page-models.js";
import { runSearch, toApiResponse } from "./run-search.js";
import { searchPage } from "./search-page-model.js";
import { parseSearchRequest } from "./search-request.js";

/** `/api/search` (JSON) and `/search` (the results page, which works with JavaScript off). */
export function searchRoutes(content: Content, index: SearchIndex, html: (page: PageModel) => string): Router {
  const router = Router();

  router.get("/api/search", (req, res) => {
    const parsed = parseSearchRequest(req.query);
    if (!parsed.ok) return res.status(400).json({ error: parsed.error });
    return res.json(toApiResponse(runSearch(content, index, parsed.value.q, parsed.value.limit)));
  });

  const emptySearchPage = html(searchPage(content, undefined));
  router.get("/search", (req, res) => {
    if (req.query.q === undefined || req.query.q === "") return res.type("html").send(emptySearchPage);
    const parsed = parseSearchRequest({ q: req.query.q });
    if (!parsed.ok) return res.status(400).type("html").send(html(searchPage(content, undefined, parsed.message)));
    return res.type("html").send(html(searchPage(content, runSearch(content, index, parsed.value.q, parsed.value.limit))));
  });

  return router;
}
