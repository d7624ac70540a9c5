import type { Content, Question } from "./types.js";

const made = new WeakMap<readonly Question[], ReadonlyMap<string, Question>>();

/**
 * Each error code with the answer about it (the first, in content order, should two name one code): the one
 * table the error-code shortcut, the contact page, the notices' scopes and their home-page lines look codes
 * up in. Made once per loaded content.
 */
export function answerByCode(content: Pick<Content, "questions">): ReadonlyMap<string, Question> {
  let byCode = made.get(content.questions);
  if (!byCode) {
    const table = new Map<string, Question>();
    for (const question of content.questions)
      for (const code of question.codes) if (!table.has(code)) table.set(code, question);
    made.set(content.questions, (byCode = table));
  }
  return byCode;
}
