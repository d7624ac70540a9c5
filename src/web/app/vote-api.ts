import { replyJson, replyJsonError } from "../http/reply.js";
import type { FastHandler } from "./routes.js";
import { MAX_VOTE_BYTES, REFUSALS, type VoteIntake } from "./vote-intake.js";

const JSON_TYPE = /^application\/json\s*(?:;|$)/i;

/**
 * POST /api/feedback, the page script's vote, as a plain Node handler: a vote is a small JSON body and a
 * queue append, and Express's router and body parser cost more than both (about a third of each vote).
 * The form (POST /feedback) goes through Express with the same intake.
 */
export function voteApi(intake: VoteIntake): FastHandler {
  return (req, res, { head }) => {
    const refused = intake.admit(req);
    if (refused) return replyJsonError(req, res, refused, head);
    if (!JSON_TYPE.test(req.headers["content-type"] ?? ""))
      return replyJsonError(req, res, REFUSALS.contentType("application/json"), head);
    if (Number(req.headers["content-length"] ?? 0) > MAX_VOTE_BYTES)
      return replyJsonError(req, res, REFUSALS.tooLarge, head);
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on("data", (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size <= MAX_VOTE_BYTES) return void chunks.push(chunk);
      done = true;
      replyJsonError(req, res, REFUSALS.tooLarge, head);
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
        return replyJsonError(req, res, REFUSALS.badBody, head);
      }
      // JSON that is not an object (a bare string, a number) is as unreadable as broken JSON.
      if (typeof body !== "object" || body === null) return replyJsonError(req, res, REFUSALS.badBody, head);
      const taken = intake.take(req, body, "json");
      if (!taken.ok) return replyJsonError(req, res, taken.refusal, head);
      replyJson(req, res, 201, { ok: true }, head);
    });
  };
}
