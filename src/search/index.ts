/**
 * The search engine: pure functions with no Node, DOM or server dependency, so the same code runs on the
 * server and, bundled, in the browser of the static export.
 *
 *   buildSearchIndex(documents, { synonyms }) → SearchIndex (postings in typed arrays)
 *   serialiseIndex / deserialiseIndex         ↔ SerialisedIndex, plain JSON for the static export
 *   analyseQuery(index, query)                → AnalysedQuery: the query's terms, once per query
 *   search(index, query, { limit })           → { total, results: [{ id, score, codeMatch }], confident } best first,
 *                                               cut where the answers stop being real alternatives (cut.ts); its
 *                                               per-answer sums are kept per index and cleared after each query,
 *                                               so what it returns depends on its arguments alone
 *   suggest(index, query)                     → Suggestion | undefined: "did you mean", for a query that found nothing
 *   highlight(text, analysedQuery)            → Segment[]: the text with the query's matches flagged
 *   snippet(text, analysedQuery, maxChars)    → Segment[]: a window of the text around the matches
 */
export { buildSearchIndex, type SearchDocument, type SearchIndex } from "./build-index.js";
export { canonicalCode, findCodes } from "./codes.js";
export { normalise } from "./normalise.js";
export { analyseQuery, search, type AnalysedQuery, type SearchResponse, type SearchResult } from "./rank.js";
export { deserialiseIndex, serialiseIndex, type SerialisedIndex } from "./serialise-index.js";
export { highlight, snippet, type Segment } from "./snippet.js";
export { suggest, type Suggestion } from "./suggest.js";
export { tokenise, type Term } from "./tokenise.js";
