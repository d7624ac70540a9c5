import type { IncomingMessage } from "node:http";
import type { EventRecorder } from "../../analytics/analytics-service.js";
import { readerOf } from "../../analytics/events.js";
import { redact } from "../../analytics/redact.js";
import type { Content } from "../../content/types.js";
import { parseFeedback, type FeedbackInput } from "../../feedback/feedback-request.js";
import { DailyCounter } from "../../limits/daily-counter.js";
import { clientKey, type Limiter } from "../../limits/rate-limit.js";
import { isCrossSite } from "../http/cross-site.js";
import { type HttpError, refusals } from "../http/http-error.js";

/** Bodies larger than this are refused unread: a vote with its longest comment is well under it. */
export const MAX_VOTE_BYTES = 8 * 1024;

/** Why a vote was not taken: an HttpError with the API's English error and the page's Japanese message. */
export type Refusal = HttpError;

export const REFUSALS = {
  crossSite: refusals.forbidden(
    "Votes are taken only from this site's own pages.",
    "このサイトのページ以外からは送信できません。",
  ),
  contentType: (expected: string) => refusals.unsupportedType(expected, "送信内容の形式が正しくありません。"),
  tooLarge: refusals.tooLarge(
    "The body must be at most 8 KB.",
    "送信内容が長すぎます。ご意見は 1,000 文字以内で入力してください。",
  ),
  badBody: refusals.badRequest("The body could not be read.", "送信内容を読み取れませんでした。"),
  unavailable: refusals.unavailable(
    "Feedback cannot be stored right now; please try again later.",
    "ただいま評価を受け付けられません。時間をおいてもう一度お試しください。",
  ),
  tooManyComments: refusals.tooMany(
    "Too many comments from this address today; the vote can be sent without one.",
    3600,
    "本日このネットワークから送信できるご意見の上限に達しました。評価のみ送信できます。",
  ),
  tooMany: (seconds: number) =>
    refusals.tooMany(
      `Too many votes from this address: try again in ${seconds} seconds.`,
      seconds,
      "短い時間に送信が集中しました。少し待ってからもう一度お試しください。",
    ),
};

export interface VoteIntakeOptions {
  recorder: EventRecorder;
  /** Votes per client; absent: no limit. */
  votes?: Limiter;
  addressOf: (req: IncomingMessage) => string;
  /** Told of each vote accepted (metrics). */
  onVote?: (helpful: boolean) => void;
  /** Comments per client address and day (default COMMENTS_PER_CLIENT_DAY). */
  commentsPerDay?: number;
}

/**
 * Comments one client address may leave in a day: far more than a reader writes, and few enough that one
 * address cannot bury the comments the office reads.
 */
export const COMMENTS_PER_CLIENT_DAY = 20;

export interface VoteIntake {
  /** The checks before the body is read: from this site, within the client's rate. */
  admit(req: IncomingMessage): Refusal | undefined;
  /** Validates the body and queues the vote; a refusal stores nothing. */
  take(
    req: IncomingMessage,
    body: unknown,
    format: "json" | "form",
  ): { ok: true; vote: FeedbackInput } | { ok: false; refusal: Refusal };
}

/** One set of rules for a vote however it arrives: JSON from the page's script, or the plain form. */
export function voteIntake(content: Content, options: VoteIntakeOptions): VoteIntake {
  const exists = (id: string) => content.questionById.has(id);
  const comments = new DailyCounter(options.commentsPerDay ?? COMMENTS_PER_CLIENT_DAY);
  return {
    admit(req) {
      if (isCrossSite(req.headers)) return REFUSALS.crossSite;
      const decision = options.votes?.hit(clientKey(options.addressOf(req)));
      if (decision && !decision.allowed) return REFUSALS.tooMany(decision.retryAfterSeconds);
      return undefined;
    },
    take(req, body, format) {
      const parsed = parseFeedback(body, format, exists);
      if (!parsed.ok) return { ok: false, refusal: refusals.badRequest(parsed.error, parsed.message) };
      if (!options.recorder.accepting) return { ok: false, refusal: REFUSALS.unavailable };
      const { question, helpful, reason, comment } = parsed.value;
      if (comment !== null && !comments.take(clientKey(options.addressOf(req))))
        return { ok: false, refusal: REFUSALS.tooManyComments };
      const queued = options.recorder.record({
        type: "vote",
        ...readerOf(req, options.addressOf(req)),
        question,
        helpful,
        reason,
        comment: comment === null ? null : redact(comment),
      });
      if (!queued) return { ok: false, refusal: REFUSALS.unavailable };
      options.onVote?.(helpful);
      return { ok: true, vote: parsed.value };
    },
  };
}
