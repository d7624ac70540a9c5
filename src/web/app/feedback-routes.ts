import type { IncomingMessage } from "node:http";
import express, { type ErrorRequestHandler, type Request, type Response, type Router } from "express";
import type { EventRecorder } from "../../analytics/analytics-service.js";
import { newEventId } from "../../analytics/analytics-store.js";
import { readerOf } from "../../analytics/events.js";
import { parseBeacon } from "../../analytics/parse-beacon.js";
import { redact } from "../../analytics/redact.js";
import type { Content } from "../../content/types.js";
import { parseFeedback } from "../../feedback/feedback-request.js";
import { isCrossSite } from "../http/cross-site.js";
import { LruCache } from "../http/lru-cache.js";
import { sendPrepared, type PreparedResponse } from "../http/prepared-response.js";
import { clientKey, type Limiter } from "../../limits/rate-limit.js";
import { feedbackPage } from "../pages/page-models.js";
import type { AnyPageModel } from "../pages/view-contract.js";

const MAX_BODY = "8kb";

/** What a search reports about itself, for a suggestion chosen from search-as-you-type. */
export type SearchSummary = (q: string) => { results: number; topResult: string | null; codeMatch: boolean };

export interface FeedbackRouteOptions {
  recorder: EventRecorder;
  /** Votes per client; absent: no limit. */
  votes?: Limiter;
  /** Beacons per client (clicks and chosen suggestions); absent: no limit. */
  beacons?: Limiter;
  /** A query as it may be stored (the same memo the results pages use). */
  redactQuery: (q: string) => string;
  /** The reader's address (through trusted proxies). */
  addressOf: (req: IncomingMessage) => string;
  summarise: SearchSummary;
  prepare: (page: AnyPageModel) => PreparedResponse;
  /** Told of each vote accepted (metrics). */
  onVote?: (helpful: boolean) => void;
}

type Refusal = { status: number; error: string; message: string };

const MESSAGES = {
  crossSite: { status: 403, error: "Votes are taken only from this site's own pages.", message: "このサイトのページ以外からは送信できません。" },
  contentType: (expected: string) => ({ status: 415, error: `The body must be ${expected}.`, message: "送信内容の形式が正しくありません。" }),
  tooLarge: { status: 413, error: "The body must be at most 8 KB.", message: "送信内容が長すぎます。ご意見は 1,000 文字以内で入力してください。" },
  badBody: { status: 400, error: "The body could not be read.", message: "送信内容を読み取れませんでした。" },
  unavailable: { status: 503, error: "Feedback cannot be stored right now; please try again later.", message: "ただいま評価を受け付けられません。時間をおいてもう一度お試しください。" },
  tooMany: (seconds: number) => ({ status: 429, error: `Too many votes from this address: try again in ${seconds} seconds.`, message: "短い時間に送信が集中しました。少し待ってからもう一度お試しください。" }),
};

/**
 * POST /api/feedback (JSON, for the page's script), POST /feedback (the plain form, without JavaScript),
 * GET /feedback/thanks, and POST /api/events (click and suggestion beacons). Every refusal stores nothing.
 */
export function feedbackRoutes(content: Content, options: FeedbackRouteOptions): Router {
  const router = express.Router({ caseSensitive: true, strict: true });
  const { votes, beacons, addressOf } = options;
  const exists = (id: string) => content.questionById.has(id);
  const pages = new LruCache<string, PreparedResponse>(512);

  const page = (status: number, message: string, questionId: unknown, extra: { askReason?: boolean; refused: boolean }) => {
    const question = typeof questionId === "string" ? content.questionById.get(questionId) : undefined;
    const key = `${status}\u0000${message}\u0000${question?.id ?? ""}\u0000${extra.askReason === true}`;
    let prepared = pages.get(key);
    if (!prepared) pages.set(key, (prepared = options.prepare(feedbackPage(content, { question, status, message, askReason: extra.askReason === true, refused: extra.refused }))));
    return prepared;
  };

  /** The checks before the body is read: same site, within the rate, the right type. */
  const gate = (format: "json" | "form") => (req: Request, res: Response, next: () => void) => {
    const refuse = (refusal: Refusal) => answerRefusal(req, res, format, refusal);
    if (isCrossSite(req.headers)) return refuse(MESSAGES.crossSite);
    const decision = votes?.hit(clientKey(addressOf(req)));
    if (decision && !decision.allowed) {
      res.setHeader("Retry-After", String(decision.retryAfterSeconds));
      return refuse(MESSAGES.tooMany(decision.retryAfterSeconds));
    }
    const expected = format === "json" ? "application/json" : "application/x-www-form-urlencoded";
    if (!req.is(expected)) return refuse(MESSAGES.contentType(expected));
    return next();
  };

  const answerRefusal = (req: Request, res: Response, format: "json" | "form", refusal: Refusal) => {
    if (format === "json") return res.status(refusal.status).json({ error: refusal.error });
    return sendPrepared(req, res, page(refusal.status, refusal.message, (req.body as Record<string, unknown> | undefined)?.question, { refused: true }), refusal.status);
  };

  const take = (format: "json" | "form") => (req: Request, res: Response) => {
    const parsed = parseFeedback(req.body, format, exists);
    if (!parsed.ok) return answerRefusal(req, res, format, { status: 400, error: parsed.error, message: parsed.message });
    if (!options.recorder.accepting) return answerRefusal(req, res, format, MESSAGES.unavailable);
    const { question, helpful, reason, comment } = parsed.value;
    const queued = options.recorder.record({ type: "vote", ...readerOf(req, addressOf(req)), question, helpful, reason, comment: comment === null ? null : redact(comment) });
    if (!queued) return answerRefusal(req, res, format, MESSAGES.unavailable);
    options.onVote?.(helpful);
    if (format === "json") return res.status(201).json({ ok: true });
    const next = new URLSearchParams({ question, helpful: helpful ? "yes" : "no" });
    if (reason !== null || comment !== null) next.set("sent", "details");
    return res.redirect(303, `/feedback/thanks?${next.toString()}`);
  };

  const bodyErrors = (format: "json" | "form"): ErrorRequestHandler => (error: { type?: unknown; status?: unknown }, req, res, next) => {
    if (error.type === "entity.too.large") return answerRefusal(req, res, format, MESSAGES.tooLarge);
    if (Number(error.status) >= 400 && Number(error.status) < 500) return answerRefusal(req, res, format, MESSAGES.badBody);
    return next(error);
  };

  router.post("/api/feedback", gate("json"), express.json({ limit: MAX_BODY, strict: true }), take("json"), bodyErrors("json"));
  router.post("/feedback", gate("form"), express.urlencoded({ limit: MAX_BODY, extended: false, parameterLimit: 10 }), take("form"), bodyErrors("form"));

  router.get("/feedback/thanks", (req, res) => {
    const question = typeof req.query.question === "string" && exists(req.query.question) ? req.query.question : undefined;
    const helpful = req.query.helpful === "yes" ? true : req.query.helpful === "no" ? false : undefined;
    if (question === undefined || helpful === undefined) return sendPrepared(req, res, page(404, "評価の送信先が見つかりませんでした。", undefined, { refused: true }));
    const askReason = !helpful && req.query.sent !== "details";
    const message = helpful ? "「はい」のご回答ありがとうございました。" : askReason ? "ご回答ありがとうございました。よろしければ、解決しなかった理由もお聞かせください。" : "ご意見ありがとうございました。回答の改善に役立てます。";
    return sendPrepared(req, res, page(200, message, question, { askReason, refused: false }));
  });

  // Beacons from the page's script (navigator.sendBeacon sends text/plain).
  router.post("/api/events", express.text({ type: ["application/json", "text/plain"], limit: "2kb" }), (req: Request, res: Response) => {
    if (isCrossSite(req.headers)) return res.status(403).json({ error: MESSAGES.crossSite.error });
    const decision = beacons?.hit(clientKey(addressOf(req)));
    if (decision && !decision.allowed) return res.status(429).setHeader("Retry-After", String(decision.retryAfterSeconds)).json({ error: "Too many events from this address." });
    if (typeof req.body !== "string") return res.status(415).json({ error: "The body must be JSON sent as application/json or text/plain." });
    let body: unknown;
    try {
      body = JSON.parse(req.body);
    } catch {
      return res.status(400).json({ error: "The body must be JSON." });
    }
    const parsed = parseBeacon(body, exists);
    if (!parsed.ok) return res.status(400).json({ error: parsed.error });
    if (!options.recorder.accepting) return res.status(503).json({ error: MESSAGES.unavailable.error });
    const { type, q, id, position } = parsed.value;
    const query = options.redactQuery(q);
    const recorded =
      type === "click"
        ? options.recorder.record({ type: "click", ...readerOf(req, addressOf(req)), query, question: id, position })
        : options.recorder.record({ type: "search", ...readerOf(req, addressOf(req)), id: newEventId(), query, ...options.summarise(q), source: "suggest", click: { question: id, position } });
    return recorded ? res.status(204).end() : res.status(503).json({ error: MESSAGES.unavailable.error });
  }, bodyErrors("json"));

  return router;
}
