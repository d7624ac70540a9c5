import type { Question } from "../content/types.js";
import type { Notice, NoticeScope } from "./notice.js";

/** A page as notices see it: which answer, category or error code it is about. */
export type NoticeTarget =
  | { kind: "home" }
  | { kind: "category"; id: string; questions: readonly Question[] }
  | { kind: "question"; question: Question }
  | { kind: "results"; top: Question | undefined; code: string | undefined };

function reachesQuestion(scope: NoticeScope, question: Question): boolean {
  if (scope.kind === "site") return true;
  if (scope.kind === "question") return scope.id === question.id;
  if (scope.kind === "category") return scope.id === question.category;
  return question.codes.includes(scope.code);
}

/**
 * Whether a notice belongs on a page: an answer's page and its category's pages for a scope that names the
 * answer, its category or its code; a results page when its top answer is reached or its code matched; the
 * home page for the whole site (code notices are listed there as a line each, by `homeLines`).
 */
export function reaches(notice: Notice, target: NoticeTarget): boolean {
  return notice.scopes.some((scope) => {
    switch (target.kind) {
      case "home":
        return scope.kind === "site";
      case "question":
        return reachesQuestion(scope, target.question);
      case "category":
        return scope.kind === "site" || target.questions.some((question) => reachesQuestion(scope, question));
      case "results":
        return (
          scope.kind === "site" ||
          (scope.kind === "code" && scope.code === target.code) ||
          (target.top !== undefined && reachesQuestion(scope, target.top))
        );
    }
    return false;
  });
}

/** On the home page: one line per notice about an error code that is not shown there in full. */
export function homeLines(notices: readonly Notice[]): Array<{ notice: Notice; code: string }> {
  return notices.flatMap((notice) => {
    if (notice.scopes.some((scope) => scope.kind === "site")) return [];
    const code = notice.scopes.find((scope) => scope.kind === "code");
    return code?.kind === "code" ? [{ notice, code: code.code }] : [];
  });
}
