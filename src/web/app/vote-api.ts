import type { IncomingMessage, ServerResponse } from "node:http";
import { send, type HeadPairs } from "../http/prepared-response.js";
import { MAX_VOTE_BYTES, REFUSALS, type Refusal, type VoteIntake } from "./vote-intake.js";

const JSON_TYPE = /^application\/json\s*(?:;|$)/i;
const CREATED = Buffer.from(JSON.stringify({ ok: true }));
const JSON_UTF8 = "application/json; charset=utf-8";

function refuse(req: IncomingMessage, res: ServerResponse, refusal: Refusal, head: HeadPairs): void {
  const pairs =
    refusal.retryAfterSeconds === undefined ? head : [...head, "Retry-After", String(refusal.retryAfterSeconds)];
  send(req, res, refusal.status, JSON_UTF8, JSON.stringify({ error: refusal.error }), pairs);
}

/**
 * POST /api/feedback, the page script's vote, as a plain Node handler: a vote is a small JSON body and a
 * queue append, and Express's router and body parser cost more than both (about a third of each vote).
 * The form (POST /feedback) goes through Express with the same intake. `head`: headers to send before each
 * answer's own (security headers, the request id).
 */
export function voteApi(intake: VoteIntake): (req: IncomingMessage, res: ServerResponse, head?: HeadPairs) => void {
  return (req, res, head = []) => {
    const refused = intake.admit(req);
    if (refused) return refuse(req, res, refused, head);
    if (!JSON_TYPE.test(req.headers["content-type"] ?? ""))
      return refuse(req, res, REFUSALS.contentType("application/json"), head);
    if (Number(req.headers["content-length"] ?? 0) > MAX_VOTE_BYTES) return refuse(req, res, REFUSALS.tooLarge, head);
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on("data", (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size <= MAX_VOTE_BYTES) return void chunks.push(chunk);
      done = true;
      refuse(req, res, REFUSALS.tooLarge, head);
    });
    req.on("error", () => {
      done = true;
    });
    req.on("end", () => {
      if (done) return;
      done = true;
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks, size).toString("utf8"));
      } catch {
        return refuse(req, res, REFUSALS.badBody, head);
      }
      // JSON that is not an object (a bare string, a number) is as unreadable as broken JSON.
      if (typeof body !== "object" || body === null) return refuse(req, res, REFUSALS.badBody, head);
      const taken = intake.take(req, body, "json");
      if (!taken.ok) return refuse(req, res, taken.refusal, head);
      send(req, res, 201, JSON_UTF8, CREATED, head);
    });
  };
}
