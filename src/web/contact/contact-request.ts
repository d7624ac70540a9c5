import { storable } from "../../analytics/redact.js";
import { answerByCode } from "../../content/answer-by-code.js";
import type { Content } from "../../content/types.js";
import { MAX_QUERY_LENGTH } from "../search/search-request.js";
import type { ContactFrom } from "../pages/urls.js";

/** Where a reader came from, as the contact routes read `?question=&code=&q=`. */
export type ContactRequest = { ok: true; from: ContactFrom } | { ok: false; error: string };

const one = (value: unknown): string | undefined | null =>
  value === undefined ? undefined : typeof value === "string" ? value : null;

/**
 * Reads where a reader came from. `strict` (the counted link): a question or code that does not exist, or a
 * parameter given twice, is an error, so nothing is stored for it. Otherwise (the page) such a part is left
 * out and never echoed. A search is cut at the length a search takes.
 */
export function parseContactRequest(query: Record<string, unknown>, content: Content, strict: boolean): ContactRequest {
  const question = one(query.question);
  const code = one(query.code);
  const q = one(query.q);
  if (question === null || code === null || q === null)
    return { ok: false, error: "Give question, code and q at most once each." };
  const from: ContactFrom = {};
  if (question !== undefined && question !== "") {
    if (content.questionById.has(question)) from.question = question;
    else if (strict) return { ok: false, error: "No question has that id." };
  }
  if (code !== undefined && code !== "") {
    const canonical = code.trim().toUpperCase();
    if (answerByCode(content).has(canonical)) from.code = canonical;
    else if (strict) return { ok: false, error: "No answer is about that error code." };
  }
  // A lone surrogate cannot be percent-encoded into the mail link: it is dropped, as a stored search drops it.
  const search = [...storable(q ?? "").trim()].slice(0, MAX_QUERY_LENGTH).join("");
  if (search !== "") from.q = search;
  return { ok: true, from };
}
