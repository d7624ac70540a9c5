import { answerByCode } from "../../content/answer-by-code.js";
import type { Content, Question } from "../../content/types.js";
import { canonicalCode, findCodes, normalise } from "../../search/index.js";

/** What `/errors/<code>` finds: the question, or the code as it may be shown back (never the raw input). */
export type CodeLookup = { question: Question } | { question: undefined; shownCode: string | undefined };

const CODE_SHAPED = /^([a-z]{2})[\s-]*(\d{1,2})$/;

/**
 * A lookup of the question answering the error code that is the whole of its input, typed any way
 * ("ae1", "ＡＥ－０６"). The code table is built once: /errors/:code is asked on every pasted link.
 * An unknown code is given back only in canonical form (AE07), so a path can never echo arbitrary text.
 */
export function findQuestionByCode(content: Content): (input: string) => CodeLookup {
  const byCode = answerByCode(content);
  const known = new Set(byCode.keys());
  return (input) => {
    if (input.length > 32) return { question: undefined, shownCode: undefined };
    const normal = normalise(input).trim();
    const [match] = findCodes(normal, known);
    const question = match && match.start === 0 && match.end === normal.length ? byCode.get(match.code) : undefined;
    if (question) return { question };
    const shaped = CODE_SHAPED.exec(normal);
    return { question: undefined, shownCode: shaped ? canonicalCode(shaped[1] ?? "", shaped[2] ?? "") : undefined };
  };
}
