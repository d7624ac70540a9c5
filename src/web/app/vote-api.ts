import type { IncomingMessage, ServerResponse } from "node:http";
import { send } from "../http/prepared-response.js";
import { MAX_VOTE_BYTES, REFUSALS, type Refusal, type VoteIntake } from "./vote-intake.js";

const JSON_TYPE = /^application\/json\s*(?:;|$)/i;
const CREATED = Buffer.from(JSON.stringify({ ok: true }));
const JSON_UTF8 = "application/json; charset=utf-8";

function refuse(req: IncomingMessage, res: ServerResponse, refusal: Refusal): void {
  if (refusal.retryAfterSeconds !== undefined) res.setHeader("Retry-After", String(refusal.retryAfterSeconds));
  send(req, res, refusal.status, JSON_UTF8, JSON.stringify({ error: refusal.error }));
}

/**
 * POST /api/feedback, the page script's vote, as a plain Node handler: a vote is a small JSON body and a
 * queue append, and Express's router and body parser cost more than both (about a third of each vote).
 * The form (POST /feedback) goes through Express with the same intake.
 */
export function voteApi(intake: VoteIntake): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const refused = intake.admit(req);
    if (refused) return refuse(req, res, refused);
    if (!JSON_TYPE.test(req.headers["content-type"] ?? "")) return refuse(req, res, REFUSALS.contentType("application/json"));
    if (Number(req.headers["content-length"] ?? 0) > MAX_VOTE_BYTES) return refuse(req, res, REFUSALS.tooLarge);
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on("data", (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size <= MAX_VOTE_BYTES) return void chunks.push(chunk);
      done = true;
      refuse(req, res, REFUSALS.tooLarge);
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
        return refuse(req, res, REFUSALS.badBody);
      }
      // JSON that is not an object (a bare string, a number) is as unreadable as broken JSON.
      if (typeof body !== "object" || body === null) return refuse(req, res, REFUSALS.badBody);
      const taken = intake.take(req, body, "json");
      if (!taken.ok) return refuse(req, res, taken.refusal);
      send(req, res, 201, JSON_UTF8, CREATED);
    });
  };
}
