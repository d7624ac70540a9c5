import type { IncomingMessage } from "node:http";
import type { EventRecorder } from "../../analytics/analytics-service.js";
import { isCountedRequest } from "../../analytics/counted-request.js";
import type { Content } from "../../content/types.js";
import { clientKey, type Limiter } from "../../limits/rate-limit.js";
import { urls } from "../pages/urls.js";

/**
 * Counts a reader's GET of an answer's page, on the prepared-page path: a map lookup and a sum in memory
 * (ViewTally), never a row per view. Not a HEAD, a prefetch or a bot; past the per-client limit, nothing.
 */
export function answerViews(
  content: Content,
  options: { recorder: EventRecorder; limiter: Limiter | undefined; addressOf: (req: IncomingMessage) => string },
): (req: IncomingMessage, path: string) => void {
  const questionAt = new Map(content.questions.map((question) => [urls.question(question.id), question.id]));
  const { recorder, limiter, addressOf } = options;
  return (req, path) => {
    if (req.method !== "GET") return;
    const question = questionAt.get(path);
    if (question === undefined || !isCountedRequest(req.headers)) return;
    if (limiter && !limiter.hit(clientKey(addressOf(req))).allowed) return;
    recorder.countView(question);
  };
}

/**
 * Counts a reader's visit of /errors/<code> that found its answer, for the spike alerts: summed in memory
 * per code and ten minutes. Not a bot or a prefetch; past the per-client limit, nothing.
 */
export function codeVisits(options: {
  recorder: EventRecorder;
  limiter: Limiter | undefined;
  addressOf: (req: IncomingMessage) => string;
}): (req: IncomingMessage, code: string) => void {
  const { recorder, limiter, addressOf } = options;
  return (req, code) => {
    if (req.method !== "GET" || !isCountedRequest(req.headers)) return;
    if (limiter && !limiter.hit(clientKey(addressOf(req))).allowed) return;
    recorder.countCodeVisit(code);
  };
}
