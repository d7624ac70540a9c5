import type { Content, Question } from "../content/types.js";
import { findCodes, normalise } from "../search/index.js";

/**
 * A lookup of the question answering the error code that is the whole of its input, typed any way
 * ("ae1", "ＡＥ－０６"). The code table is built once: /errors/:code is asked on every pasted link.
 */
export function findQuestionByCode(content: Content): (input: string) => Question | undefined {
  const byCode = new Map<string, Question>();
  for (const question of content.questions) for (const code of question.codes) if (!byCode.has(code)) byCode.set(code, question);
  const known = new Set(byCode.keys());
  return (input) => {
    const normal = normalise(input).trim();
    const [match] = findCodes(normal, known);
    if (!match || match.start !== 0 || match.end !== normal.length) return undefined;
    return byCode.get(match.code);
  };
}
