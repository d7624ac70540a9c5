import { isReason, MAX_COMMENT_CHARS, type ReasonCode } from "./reasons.js";

export interface FeedbackInput {
  question: string;
  helpful: boolean;
  reason: ReasonCode | null;
  /** As typed, trimmed; redacted before it is stored. */
  comment: string | null;
}

/** `error` is for API clients; `message` says the same in Japanese, for the page. */
export type ParsedFeedback = { ok: true; value: FeedbackInput } | { ok: false; error: string; message: string };

const fail = (error: string, message: string): ParsedFeedback => ({ ok: false, error, message });

/**
 * Validates a vote from the JSON API (`helpful` true/false) or the plain form (`helpful` "yes"/"no").
 * Anything unexpected is refused rather than guessed at, so nothing odd is ever stored.
 */
export function parseFeedback(
  body: unknown,
  format: "json" | "form",
  questionExists: (id: string) => boolean,
): ParsedFeedback {
  if (typeof body !== "object" || body === null || Array.isArray(body))
    return fail("The body must be an object with question and helpful.", "送信内容を読み取れませんでした。");
  const { question, helpful, reason, comment } = body as Record<string, unknown>;
  if (typeof question !== "string" || question === "")
    return fail(
      "question is required: the id of the question the vote is about.",
      "どのご質問への評価か分かりませんでした。",
    );
  if (!questionExists(question))
    return fail(`There is no question "${question.slice(0, 100)}".`, "そのご質問は見つかりませんでした。");

  let isHelpful: boolean;
  if (format === "json" && typeof helpful === "boolean") isHelpful = helpful;
  else if (format === "form" && (helpful === "yes" || helpful === "no")) isHelpful = helpful === "yes";
  else
    return fail(
      format === "json" ? "helpful must be true or false." : "helpful must be yes or no.",
      "「はい」か「いいえ」をお選びください。",
    );

  let reasonCode: ReasonCode | null = null;
  if (reason !== undefined && reason !== "" && reason !== null) {
    if (typeof reason !== "string" || !isReason(reason))
      return fail("reason must be one of not-solved, unclear, missing, other.", "理由は一覧からお選びください。");
    if (isHelpful)
      return fail("reason is only for an answer that did not help.", "理由は「いいえ」の場合にお選びください。");
    reasonCode = reason;
  }

  let text: string | null = null;
  if (comment !== undefined && comment !== null) {
    if (typeof comment !== "string") return fail("comment must be text.", "ご意見は文字で入力してください。");
    const trimmed = comment.trim();
    if ([...trimmed].length > MAX_COMMENT_CHARS)
      return fail(
        `comment must be at most ${MAX_COMMENT_CHARS} characters.`,
        `ご意見は ${MAX_COMMENT_CHARS.toLocaleString("ja-JP")} 文字以内で入力してください。`,
      );
    text = trimmed === "" ? null : trimmed;
  }
  return { ok: true, value: { question, helpful: isHelpful, reason: reasonCode, comment: text } };
}
