import type { IncomingMessage } from "node:http";
import type { EventRecorder } from "../../analytics/analytics-service.js";
import { isCountedRequest } from "../../analytics/counted-request.js";
import type { Content } from "../../content/types.js";
import { clientKey, type Limiter } from "../../limits/rate-limit.js";
import { urls } from "../pages/urls.js";

/**
 * The one gate every reader count goes through (answer views, /errors/<code> visits, contacts): a GET of the
 * reader's own (not a prefetch or a bot), from a client within its limit; past it, nothing is counted.
 */
export function countable(
  limiter: Limiter | undefined,
  addressOf: (req: IncomingMessage) => string,
): (req: IncomingMessage) => boolean {
  return (req) =>
    req.method === "GET" &&
    isCountedRequest(req.headers) &&
    (limiter === undefined || limiter.hit(clientKey(addressOf(req))).allowed);
}

export interface ReaderCounts {
  recorder: EventRecorder;
  limiter: Limiter | undefined;
  addressOf: (req: IncomingMessage) => string;
}

/**
 * Counts a reader's GET of an answer's page, on the prepared-page path: a map lookup and a sum in memory
 * (the views Tally), never a row per view.
 */
export function answerViews(content: Content, options: ReaderCounts): (req: IncomingMessage, path: string) => void {
  const questionAt = new Map(content.questions.map((question) => [urls.question(question.id), question.id]));
  const counts = countable(options.limiter, options.addressOf);
  return (req, path) => {
    const question = questionAt.get(path);
    if (question !== undefined && counts(req)) options.recorder.countView(question);
  };
}

/** Counts a reader's visit of /errors/<code> that found its answer, for the spike alerts. */
export function codeVisits(options: ReaderCounts): (req: IncomingMessage, code: string) => void {
  const counts = countable(options.limiter, options.addressOf);
  return (req, code) => {
    if (counts(req)) options.recorder.countCodeVisit(code);
  };
}
