import type { Content, Question } from "../content/types.js";

/** "ＡＥ－０６", "ae-3", "AE 1" → "AE06", "AE03", "AE01"; anything not shaped like a code → undefined. */
export function canonicalErrorCode(input: string): string | undefined {
  const compact = input.normalize("NFKC").toUpperCase().replace(/[\s\-‐‑–—−ー]/g, "");
  const match = /^([A-Z]{2})(\d{1,2})$/.exec(compact);
  if (!match) return undefined;
  return `${match[1]}${(match[2] ?? "").padStart(2, "0")}`;
}

export function findQuestionByCode(content: Content, input: string): Question | undefined {
  const code = canonicalErrorCode(input);
  return code === undefined ? undefined : content.questions.find((question) => question.codes.includes(code));
}
