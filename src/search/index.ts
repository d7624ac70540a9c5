/**
 * The search engine: pure functions with no Node, DOM or server dependency, so the same code runs on the
 * server and, bundled, in the browser of the static export.
 *
 *   buildSearchIndex(documents, { synonyms }) → SearchIndex (plain JSON-serialisable data)
 *   search(index, query, { limit })           → { total, results: [{ id, score, codeMatch }] } best first
 *   highlight(index, text, query)             → Segment[]: the text with the query's matches flagged
 *   snippet(index, text, query, maxChars)     → Segment[]: a window of the text around the matches
 */
export { buildSearchIndex, type SearchDocument, type SearchIndex } from "./build-index.js";
export { canonicalCode, findCodes } from "./codes.js";
export { documentsFromContent } from "./documents-from-content.js";
export { normalise } from "./normalise.js";
export { search, type SearchResponse, type SearchResult } from "./rank.js";
export { highlight, snippet, type Segment } from "./snippet.js";
export { tokenise, type Term } from "./tokenise.js";
