import type { IncomingMessage } from "node:http";
import express, { type ErrorRequestHandler, type Request, type RequestHandler, type Response } from "express";
import type { EventRecorder } from "../../analytics/analytics-service.js";
import { readerOf, type SearchFacts } from "../../analytics/events.js";
import { parseBeacon } from "../../analytics/parse-beacon.js";
import type { Content } from "../../content/types.js";
import { isCrossSite } from "../http/cross-site.js";
import { LruCache } from "../http/lru-cache.js";
import { type HttpError, refusals, toHttpError } from "../http/http-error.js";
import type { PreparedResponse } from "../http/prepared-response.js";
import { replyPrepared, replyRedirect } from "../http/reply.js";
import { clientKey, type Limiter } from "../../limits/rate-limit.js";
import type { ExpressHandlers } from "./routes.js";
import { MAX_VOTE_BYTES, REFUSALS, type VoteIntake } from "./vote-intake.js";
import { feedbackPage } from "../pages/page-models.js";
import type { AnyPageModel } from "../pages/view-contract.js";

const NOT_SHOWN = refusals.badRequest("That search does not show that answer at that position.");

/** What a search found; a promise while the server is still building its index (the first moments after start). */
export type SearchSummary = (q: string) => SearchFacts | Promise<SearchFacts>;

export interface FeedbackRouteOptions {
  recorder: EventRecorder;
  /** The rules for a vote, shared with the JSON route (vote-api.ts). */
  intake: VoteIntake;
  /** Beacons per client (clicks and chosen suggestions); absent: no limit. */
  beacons?: Limiter;
  /** A query as it may be stored (the same memo the results pages use). */
  redactQuery: (q: string) => string;
  /** The reader's address (through trusted proxies). */
  addressOf: (req: IncomingMessage) => string;
  summarise: SearchSummary;
  /** The result a search for `q` shows at `position`: a beacon for any other is forged and refused. */
  resultAt: (q: string, position: number) => string | undefined | Promise<string | undefined>;
  prepare: (page: AnyPageModel) => PreparedResponse;
}

/**
 * POST /feedback (the plain form, without JavaScript), GET /feedback/thanks, and POST /api/events (click and
 * suggestion beacons). The script's JSON votes (POST /api/feedback) are answered before Express, by
 * vote-api.ts, with the same intake. Every refusal stores nothing.
 */
export function feedbackRoutes(
  content: Content,
  options: FeedbackRouteOptions,
): Pick<ExpressHandlers, "feedbackForm" | "feedbackThanks" | "events"> {
  const { intake, beacons, addressOf } = options;
  const exists = (id: string) => content.questionById.has(id);
  const pages = new LruCache<string, PreparedResponse>(512);

  const page = (
    status: number,
    message: string,
    questionId: unknown,
    extra: { askReason?: boolean; refused: boolean },
  ) => {
    const question = typeof questionId === "string" ? content.questionById.get(questionId) : undefined;
    const key = `${status}\u0000${message}\u0000${question?.id ?? ""}\u0000${extra.askReason === true}`;
    let prepared = pages.get(key);
    if (!prepared)
      pages.set(
        key,
        (prepared = options.prepare(
          feedbackPage(content, {
            question,
            status,
            message,
            askReason: extra.askReason === true,
            refused: extra.refused,
          }),
        )),
      );
    return prepared;
  };

  /** The form's refusals are answered on the feedback page, which links back to the answer voted on. */
  const refuse = (req: Request, res: Response, refusal: HttpError) => {
    const question = (req.body as Record<string, unknown> | undefined)?.question;
    const message = refusal.publicMessage ?? REFUSALS.badBody.publicMessage ?? "";
    return replyPrepared(req, res, page(refusal.status, message, question, { refused: true }), {
      status: refusal.status,
      head: refusal.headPairs(),
    });
  };

  /** The checks before the body is read: same site, within the rate, the right type. */
  const gate: RequestHandler = (req, res, next) => {
    const refused = intake.admit(req);
    if (refused) return refuse(req, res, refused);
    if (!req.is("application/x-www-form-urlencoded"))
      return refuse(req, res, REFUSALS.contentType("application/x-www-form-urlencoded"));
    return next();
  };

  const take: RequestHandler = (req, res) => {
    const taken = intake.take(req, req.body, "form");
    if (!taken.ok) return refuse(req, res, taken.refusal);
    const { question, helpful, reason, comment } = taken.vote;
    const next = new URLSearchParams({ question, helpful: helpful ? "yes" : "no" });
    if (reason !== null || comment !== null) next.set("sent", "details");
    return replyRedirect(res, 303, `/feedback/thanks?${next.toString()}`);
  };

  // The body parser's refusals, in the form's words; a failure of ours goes on to the error boundary.
  const formBodyErrors: ErrorRequestHandler = (error, req, res, next) => {
    const refusal = toHttpError(error);
    if (refusal.status === 413) return refuse(req, res, REFUSALS.tooLarge);
    if (refusal.status >= 400 && refusal.status < 500) return refuse(req, res, REFUSALS.badBody);
    return next(error);
  };

  const feedbackThanks: RequestHandler = (req, res) => {
    const question =
      typeof req.query.question === "string" && exists(req.query.question) ? req.query.question : undefined;
    const helpful = req.query.helpful === "yes" ? true : req.query.helpful === "no" ? false : undefined;
    if (question === undefined || helpful === undefined)
      return replyPrepared(req, res, page(404, "評価の送信先が見つかりませんでした。", undefined, { refused: true }));
    const askReason = !helpful && req.query.sent !== "details";
    const message = helpful
      ? "「はい」のご回答ありがとうございました。"
      : askReason
        ? "ご回答ありがとうございました。よろしければ、解決しなかった理由もお聞かせください。"
        : "ご意見ありがとうございました。回答の改善に役立てます。";
    return replyPrepared(req, res, page(200, message, question, { askReason, refused: false }));
  };

  // Beacons from the page's script (navigator.sendBeacon sends text/plain). Refusals are thrown to the error
  // boundary, which answers {"error"} as every /api/ route does.
  const beacon: RequestHandler = async (req, res) => {
    if (isCrossSite(req.headers)) throw REFUSALS.crossSite;
    const decision = beacons?.hit(clientKey(addressOf(req)));
    if (decision && !decision.allowed)
      throw refusals.tooMany("Too many events from this address.", decision.retryAfterSeconds);
    if (typeof req.body !== "string") throw refusals.unsupportedType("JSON sent as application/json or text/plain");
    let body: unknown;
    try {
      body = JSON.parse(req.body);
    } catch {
      throw refusals.badRequest("The body must be JSON.");
    }
    const parsed = parseBeacon(body, exists);
    if (!parsed.ok) throw refusals.badRequest(parsed.error);
    if (!options.recorder.accepting) throw REFUSALS.unavailable;
    const { type, q, id, position } = parsed.value;
    // Only what the search really showed there: otherwise anyone could write the reports' queries and answers.
    if ((await options.resultAt(q, position)) !== id) throw NOT_SHOWN;
    const query = options.redactQuery(q);
    const reader = readerOf(req, addressOf(req));
    // The facts, not a guess, even in the first moments after a start: the report of searches that found
    // nothing must not count a chosen suggestion.
    const recorded =
      type === "click"
        ? options.recorder.record({ type: "click", ...reader, query, question: id, position })
        : options.recorder.record({
            type: "search",
            ...reader,
            query,
            ...(await options.summarise(q)),
            source: "suggest",
            click: { question: id, position },
          });
    if (!recorded) throw REFUSALS.unavailable;
    res.writeHead(204).end();
  };
  const beaconBodyErrors: ErrorRequestHandler = (error, _req, _res, next) => {
    const refusal = toHttpError(error);
    if (refusal.status === 413) return next(refusals.tooLarge("The body must be at most 2 KB."));
    return next(refusal.status < 500 ? refusals.badRequest(REFUSALS.badBody.publicError) : error);
  };

  return {
    feedbackForm: [
      gate,
      express.urlencoded({ limit: MAX_VOTE_BYTES, extended: false, parameterLimit: 10 }),
      take,
      formBodyErrors,
    ],
    feedbackThanks,
    events: [express.text({ type: ["application/json", "text/plain"], limit: "2kb" }), beaconBodyErrors, beacon],
  };
}
