import type { SearchFacts } from "../../analytics/events.js";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Content } from "../../content/types.js";
import { normalise, type SearchIndex } from "../../search/index.js";
import { LruCache } from "../http/lru-cache.js";
import { type HttpError, refusals } from "../http/http-error.js";
import { type HeadPairs, PreparedResponse, sendPrepared } from "../http/prepared-response.js";
import { HTML_UTF8, replyBody, replyJsonError } from "../http/reply.js";
import type { NoticedPages } from "../notices/noticed-pages.js";
import type { AnyPageModel } from "../pages/view-contract.js";
import { runSearch, toApiResponse, type SearchOutcome } from "./run-search.js";
import { searchPage } from "./search-page-model.js";
import { rememberedQueryStrings } from "./query-strings.js";
import { DEFAULT_LIMIT, MAX_LIMIT, parseSearchRequest } from "./search-request.js";

const CACHE_ENTRIES = 1000;
/**
 * Finished responses are held by bytes: a results page of a large corpus runs to tens of kilobytes, and a
 * thousand of them with their encodings would hold more than the page cache itself.
 */
const RESPONSE_CACHE_BYTES = 4 * 1024 * 1024;
const SEARCH_CACHE = "public, max-age=60";

/** `head`: the headers every answer to this request starts with (security headers, the request id). */
export type SearchHandler = (req: IncomingMessage, res: ServerResponse, queryString: string, head: HeadPairs) => void;

export interface SearchHandlers {
  /** `/api/search`: JSON for search-as-you-type. */
  api: SearchHandler;
  /** `/search`: the results page, which works with JavaScript off. */
  page: SearchHandler;
  /** What a search finds, for analytics of a suggestion chosen from search-as-you-type. */
  summarise: (q: string) => SearchFacts;
  /** The ids a search for `q` finds on its first page, best first. */
  hitsFor: (q: string) => string[];
  /** The id of the result a search for `q` shows at `position` (1 = first), if it shows one there. */
  resultAt: (q: string, position: number) => string | undefined;
  /** The refusal past the rate limit, in the form each route answers in. */
  tooMany: (
    req: IncomingMessage,
    res: ServerResponse,
    route: "api" | "page",
    retryAfterSeconds: number,
    head: HeadPairs,
  ) => void;
}

/** Told of each search answered, cached or not: "page" is a finished search (/search), "api" a keystroke. */
export type OnSearch = (route: "page" | "api", req: IncomingMessage, q: string, facts: SearchFacts) => void;

const factsOf = (found: SearchOutcome): SearchFacts => ({
  results: found.total,
  topResult: found.hits[0]?.id ?? null,
  codeMatch: found.featured !== undefined,
});

/**
 * The two search routes as plain Node handlers: the request handler calls them before Express routing,
 * since a search is a map lookup once cached. `index` is asked for at each search: a server may still be
 * building it when the handlers are made.
 */
export function searchHandlers(
  content: Content,
  index: () => SearchIndex,
  html: (page: AnyPageModel) => string,
  onSearch?: OnSearch,
  notices?: Pick<NoticedPages, "version" | "onResults">,
): SearchHandlers {
  // Bounded caches, so odd queries cannot fill memory: the search outcome by normalised query, so "ＡＥ０１"
  // and "ae01" are searched once; the finished response by the query as typed, since it echoes it; and each
  // route's valid query strings as received, parsed.
  const outcomes = new LruCache<string, SearchOutcome>(CACHE_ENTRIES);
  // /api/search reads q and limit; the results page reads q alone (its size is fixed), and no q at all is the
  // empty search page rather than an error.
  const apiRequests = rememberedQueryStrings<never>("api", (query) => parseSearchRequest(query));
  const pageRequests = rememberedQueryStrings<undefined>("page", (query) =>
    query.q === undefined || query.q === "" ? undefined : parseSearchRequest({ q: query.q }),
  );
  const responses = new LruCache<string, { response: PreparedResponse; facts: SearchFacts }>(
    RESPONSE_CACHE_BYTES,
    ({ response }) => response.heldBytes,
  );
  const outcome = (q: string, limit: number): SearchOutcome => {
    const key = `${limit}\u0000${normalise(q)}`;
    let found = outcomes.get(key);
    if (!found) outcomes.set(key, (found = runSearch(content, index(), q, limit)));
    return { ...found, query: q };
  };
  // The finished response by the query as typed (it echoes it), with what the search found, so counting a
  // cached answer costs a map lookup.
  const cached = (key: string, make: () => { response: PreparedResponse; facts: SearchFacts }) => {
    let entry = responses.get(key);
    if (!entry) responses.set(key, (entry = make()));
    return entry;
  };

  const api: SearchHandler = (req, res, queryString, head) => {
    const parsed = apiRequests.parse(queryString);
    if (!parsed.ok) return replyJsonError(req, res, refusals.badRequest(parsed.error), head);
    const { q, limit, key } = parsed.value;
    const { response, facts } = cached(key, () => {
      const found = outcome(q, limit);
      // "<" escaped as in JSON-LD: the same data to JSON.parse, and no markup even if something sniffs it.
      const body = JSON.stringify(toApiResponse(found)).replace(/</g, "\\u003c");
      return {
        response: new PreparedResponse(Buffer.from(body), "application/json; charset=utf-8", SEARCH_CACHE, 200, "fast"),
        facts: factsOf(found),
      };
    });
    sendPrepared(req, res, response, { head });
    if (onSearch) onSearch("api", req, q, facts);
  };

  const emptySearchPage = PreparedResponse.html(html(searchPage(content, undefined)));
  const page: SearchHandler = (req, res, queryString, head) => {
    const parsed = pageRequests.parse(queryString);
    if (parsed === undefined) return sendPrepared(req, res, emptySearchPage, { head });
    if (!parsed.ok) return refuseOnPage(req, res, refusals.badRequest(parsed.error, parsed.message), head);
    const { q, limit } = parsed.value;
    // While notices are in force a results page may carry one: its cached answer is kept per their version.
    const version = notices?.version() ?? 0;
    const key = version === 0 ? parsed.value.key : `${version}\u0000${parsed.value.key}`;
    const { response, facts } = cached(key, () => {
      const found = outcome(q, limit);
      const model = searchPage(content, found);
      const shown = version === 0 ? undefined : notices?.onResults(found);
      return {
        response: PreparedResponse.html(html(shown ? { ...model, notices: shown } : model), 200, "fast"),
        facts: factsOf(found),
      };
    });
    sendPrepared(req, res, response, { head });
    if (onSearch && req.method === "GET") onSearch("page", req, q, facts);
  };

  /** A refusal on the results page itself, so the reader keeps the search box and the ways in. */
  const refuseOnPage = (req: IncomingMessage, res: ServerResponse, refusal: HttpError, head: HeadPairs) => {
    const body = html(searchPage(content, undefined, { status: refusal.status, message: refusal.publicMessage ?? "" }));
    replyBody(req, res, refusal.status, HTML_UTF8, body, [...head, ...refusal.headPairs()]);
  };
  const tooMany: SearchHandlers["tooMany"] = (req, res, route, retryAfterSeconds, head) => {
    const refusal = refusals.tooMany(
      `Too many searches from this address: try again in ${retryAfterSeconds} seconds.`,
      retryAfterSeconds,
      "短い時間に検索が集中したため、しばらく検索できません。少し待ってからもう一度お試しください。",
    );
    if (route === "page") return refuseOnPage(req, res, refusal, head);
    return replyJsonError(req, res, refusal, head);
  };

  const summarise = (q: string) => factsOf(outcome(q, DEFAULT_LIMIT));
  const resultAt = (q: string, position: number) =>
    position >= 1 && position <= MAX_LIMIT
      ? outcome(q, Math.max(position, DEFAULT_LIMIT)).hits[position - 1]?.id
      : undefined;

  const hitsFor = (q: string) => outcome(q, DEFAULT_LIMIT).hits.map((hit) => hit.id);

  return { api, page, tooMany, summarise, resultAt, hitsFor };
}
