import type { IncomingMessage } from "node:http";
import express, {
  type ErrorRequestHandler,
  type NextFunction,
  type Request,
  type Response,
  type Router,
} from "express";
import type { EventRecorder } from "../../analytics/analytics-service.js";
import { readerOf } from "../../analytics/events.js";
import { parseBeacon } from "../../analytics/parse-beacon.js";
import type { Content } from "../../content/types.js";
import { isCrossSite } from "../http/cross-site.js";
import { LruCache } from "../http/lru-cache.js";
import { sendPrepared, type PreparedResponse } from "../http/prepared-response.js";
import { clientKey, type Limiter } from "../../limits/rate-limit.js";
import { MAX_VOTE_BYTES, REFUSALS, type Refusal, type VoteIntake } from "./vote-intake.js";
import { feedbackPage } from "../pages/page-models.js";
import type { AnyPageModel } from "../pages/view-contract.js";

/** What a search reports about itself, for a suggestion chosen from search-as-you-type. */
type SearchFacts = { results: number; topResult: string | null; codeMatch: boolean };
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
  prepare: (page: AnyPageModel) => PreparedResponse;
}

/**
 * POST /feedback (the plain form, without JavaScript), GET /feedback/thanks, and POST /api/events (click and
 * suggestion beacons). The script's JSON votes (POST /api/feedback) are answered before Express, by vote-api.ts,
 * with the same intake. Every refusal stores nothing.
 */
export function feedbackRoutes(content: Content, options: FeedbackRouteOptions): Router {
  const router = express.Router({ caseSensitive: true, strict: true });
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

  const refuse = (req: Request, res: Response, refusal: Refusal) => {
    if (refusal.retryAfterSeconds !== undefined) res.setHeader("Retry-After", String(refusal.retryAfterSeconds));
    return sendPrepared(
      req,
      res,
      page(refusal.status, refusal.message, (req.body as Record<string, unknown> | undefined)?.question, {
        refused: true,
      }),
      { status: refusal.status },
    );
  };

  /** The checks before the body is read: same site, within the rate, the right type. */
  const gate = (req: Request, res: Response, next: () => void) => {
    const refused = intake.admit(req);
    if (refused) return refuse(req, res, refused);
    if (!req.is("application/x-www-form-urlencoded"))
      return refuse(req, res, REFUSALS.contentType("application/x-www-form-urlencoded"));
    return next();
  };

  const take = (req: Request, res: Response) => {
    const taken = intake.take(req, req.body, "form");
    if (!taken.ok) return refuse(req, res, taken.refusal);
    const { question, helpful, reason, comment } = taken.vote;
    const next = new URLSearchParams({ question, helpful: helpful ? "yes" : "no" });
    if (reason !== null || comment !== null) next.set("sent", "details");
    return res.redirect(303, `/feedback/thanks?${next.toString()}`);
  };

  const bodyErrors: ErrorRequestHandler = (error: { type?: unknown; status?: unknown }, req, res, next) => {
    if (error.type === "entity.too.large") return refuse(req, res, REFUSALS.tooLarge);
    if (Number(error.status) >= 400 && Number(error.status) < 500) return refuse(req, res, REFUSALS.badBody);
    return next(error);
  };

  const beaconBodyErrors: ErrorRequestHandler = (error: { type?: unknown; status?: unknown }, _req, res, next) => {
    if (error.type === "entity.too.large") return res.status(413).json({ error: "The body must be at most 2 KB." });
    if (Number(error.status) >= 400 && Number(error.status) < 500)
      return res.status(400).json({ error: REFUSALS.badBody.error });
    return next(error);
  };

  router.post(
    "/feedback",
    gate,
    express.urlencoded({ limit: MAX_VOTE_BYTES, extended: false, parameterLimit: 10 }),
    take,
    bodyErrors,
  );

  router.get("/feedback/thanks", (req, res) => {
    const question =
      typeof req.query.question === "string" && exists(req.query.question) ? req.query.question : undefined;
    const helpful = req.query.helpful === "yes" ? true : req.query.helpful === "no" ? false : undefined;
    if (question === undefined || helpful === undefined)
      return sendPrepared(req, res, page(404, "評価の送信先が見つかりませんでした。", undefined, { refused: true }));
    const askReason = !helpful && req.query.sent !== "details";
    const message = helpful
      ? "「はい」のご回答ありがとうございました。"
      : askReason
        ? "ご回答ありがとうございました。よろしければ、解決しなかった理由もお聞かせください。"
        : "ご意見ありがとうございました。回答の改善に役立てます。";
    return sendPrepared(req, res, page(200, message, question, { askReason, refused: false }));
  });

  // Beacons from the page's script (navigator.sendBeacon sends text/plain).
  router.post(
    "/api/events",
    express.text({ type: ["application/json", "text/plain"], limit: "2kb" }),
    (req: Request, res: Response, next: NextFunction) => {
      if (isCrossSite(req.headers)) return res.status(403).json({ error: REFUSALS.crossSite.error });
      const decision = beacons?.hit(clientKey(addressOf(req)));
      if (decision && !decision.allowed)
        return res
          .status(429)
          .setHeader("Retry-After", String(decision.retryAfterSeconds))
          .json({ error: "Too many events from this address." });
      if (typeof req.body !== "string")
        return res.status(415).json({ error: "The body must be JSON sent as application/json or text/plain." });
      let body: unknown;
      try {
        body = JSON.parse(req.body);
      } catch {
        return res.status(400).json({ error: "The body must be JSON." });
      }
      const parsed = parseBeacon(body, exists);
      if (!parsed.ok) return res.status(400).json({ error: parsed.error });
      if (!options.recorder.accepting) return res.status(503).json({ error: REFUSALS.unavailable.error });
      const { type, q, id, position } = parsed.value;
      const query = options.redactQuery(q);
      const reader = readerOf(req, addressOf(req));
      const answer = (recorded: boolean) =>
        recorded ? res.status(204).end() : res.status(503).json({ error: REFUSALS.unavailable.error });
      if (type === "click")
        return answer(options.recorder.record({ type: "click", ...reader, query, question: id, position }));
      const chosen = (facts: SearchFacts) =>
        answer(
          options.recorder.record({
            type: "search",
            ...reader,
            query,
            ...facts,
            source: "suggest",
            click: { question: id, position },
          }),
        );
      const facts = options.summarise(q);
      // The facts, not a guess, even in the first moments after a start: the report of searches that found
      // nothing must not count a chosen suggestion.
      return facts instanceof Promise ? void facts.then(chosen, next) : chosen(facts);
    },
    beaconBodyErrors,
  );

  return router;
}
