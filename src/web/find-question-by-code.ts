import type { Content, Question } from "../content/types.js";
import { findCodes, normalise } from "../search/index.js";

/** The question answering the error code that is the whole of `input`, typed any way ("ae1", "ＡＥ－０６"). */
export function findQuestionByCode(content: Content, input: string): Question | undefined {
  const known = new Set(content.questions.flatMap((question) => question.codes));
  const normal = normalise(input).trim();
  const [match] = findCodes(normal, known);
  if (!match || match.start !== 0 || match.end !== normal.length) return undefined;
  return content.questions.find((question) => question.codes.includes(match.code));
}
