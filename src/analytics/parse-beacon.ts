/** A click or a chosen suggestion, as the page's script reports it. */
export interface Beacon {
  type: "click" | "suggest";
  /** The query as the reader typed it; normalised and redacted before it is stored. */
  q: string;
  /** The question opened. */
  id: string;
  /** 1 for the first result. */
  position: number;
}

export const MAX_BEACON_QUERY = 200;

/** Validates a beacon body; anything else is refused, so nothing odd is stored. */
export function parseBeacon(
  body: unknown,
  questionExists: (id: string) => boolean,
): { ok: true; value: Beacon } | { ok: false; error: string } {
  if (typeof body !== "object" || body === null || Array.isArray(body))
    return { ok: false, error: "The body must be a JSON object." };
  const { type, q, id, position } = body as Record<string, unknown>;
  if (type !== "click" && type !== "suggest") return { ok: false, error: "type must be click or suggest." };
  if (typeof q !== "string" || q.trim() === "" || [...q].length > MAX_BEACON_QUERY)
    return { ok: false, error: `q must be the search's text, 1 to ${MAX_BEACON_QUERY} characters.` };
  if (typeof id !== "string" || !questionExists(id)) return { ok: false, error: "id must be the id of a question." };
  if (typeof position !== "number" || !Number.isInteger(position) || position < 1 || position > 50)
    return { ok: false, error: "position must be a whole number from 1 to 50." };
  return { ok: true, value: { type, q: q.trim(), id, position } };
}
