/** A search request that has passed validation. */
export interface SearchRequest {
  q: string;
  limit: number;
}

export const MAX_QUERY_LENGTH = 200;
export const DEFAULT_LIMIT = 10;
export const MAX_LIMIT = 50;

/** `error` is for API clients; `message` is the same in Japanese, for the results page. */
type Parsed = { ok: true; value: SearchRequest } | { ok: false; error: string; message: string };

/**
 * Validates `q` and `limit` from a parsed query string. Express's parser turns `q=a&q=b` into an array and
 * `q[x]=1` into an object; both are refused rather than guessed at.
 */
export function parseSearchRequest(query: Record<string, unknown>): Parsed {
  const { q, limit } = query;
  const enterWords = "検索する言葉またはエラーコードを入力してください。";
  // Express's default parser leaves "q[x]=1" as a key of its own; either way, q was not given as text.
  const nested = Object.keys(query).some((key) => key.startsWith("q["));
  if (q === undefined && nested)
    return { ok: false, error: "q must be given once, as plain text.", message: enterWords };
  if (q === undefined)
    return { ok: false, error: "q is required: the words or error code to search for.", message: enterWords };
  if (typeof q !== "string") return { ok: false, error: "q must be given once, as plain text.", message: enterWords };
  const text = q.trim();
  if (text === "") return { ok: false, error: "q must not be empty.", message: enterWords };
  // Counted in characters as a reader sees them; no string of at most that many UTF-16 units has more.
  if (text.length > MAX_QUERY_LENGTH && [...text].length > MAX_QUERY_LENGTH) {
    return {
      ok: false,
      error: `q must be at most ${MAX_QUERY_LENGTH} characters.`,
      message: `検索する言葉は ${MAX_QUERY_LENGTH} 文字以内で入力してください。`,
    };
  }
  if (limit === undefined) return { ok: true, value: { q: text, limit: DEFAULT_LIMIT } };
  if (typeof limit !== "string" || !/^\d{1,3}$/.test(limit) || Number(limit) < 1 || Number(limit) > MAX_LIMIT) {
    return {
      ok: false,
      error: `limit must be a whole number from 1 to ${MAX_LIMIT}.`,
      message: `表示件数は 1 から ${MAX_LIMIT} の整数で指定してください。`,
    };
  }
  return { ok: true, value: { q: text, limit: Number(limit) } };
}
