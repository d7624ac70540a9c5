import { answerByCode } from "../../content/answer-by-code.js";
import type { Content, Question } from "../../content/types.js";
import type { ContactFrom } from "../pages/urls.js";

/** Answers shown on the contact page, at most. */
export const LIKELY_ANSWERS = 3;

/**
 * The answers most likely to help a reader about to write to the office, best first: the error code's own
 * answer, then what their search found, then the answers related to the one they read. The answer they came
 * from is left out: they have read it.
 */
export function likelyAnswers(content: Content, from: ContactFrom, searchHits: readonly string[]): Question[] {
  const codeAnswer = from.code === undefined ? undefined : answerByCode(content).get(from.code);
  const cameFrom = from.question === undefined ? undefined : content.questionById.get(from.question);
  const ids = [codeAnswer?.id, ...searchHits, ...(cameFrom?.related ?? [])];
  const picked: Question[] = [];
  for (const id of ids) {
    if (id === undefined || id === from.question || picked.some((question) => question.id === id)) continue;
    const question = content.questionById.get(id);
    if (question) picked.push(question);
    if (picked.length === LIKELY_ANSWERS) break;
  }
  return picked;
}
