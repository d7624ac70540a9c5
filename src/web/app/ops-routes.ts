import type { IncomingMessage, ServerResponse } from "node:http";
import type { RequestHandler } from "express";
import type { Registry } from "prom-client";
import { HttpError } from "../http/http-error.js";
import { replyBody, replyJson } from "../http/reply.js";
import { sameSecret } from "../http/same-secret.js";

const READY_TIMEOUT_MS = 1_000;
const NO_STORE = ["Cache-Control", "no-store"];

export interface OpsOptions {
  questions: number;
  /** False while the search index is still being built. */
  searchReady: () => boolean;
  /** Resolves when the database answers; absent: there is none. */
  databaseReady?: () => Promise<void>;
  /** Told why the database is not ready; the answer itself says only that it is not. */
  onNotReady: (error: unknown) => void;
  /** /metrics for a bearer of the token; absent: 404. */
  metrics?: { registry: Registry; token: string };
}

/** GET /healthz, /readyz and /metrics. */
export function opsRoutes(options: OpsOptions): {
  healthz: RequestHandler;
  readyz: RequestHandler;
  metrics?: RequestHandler;
} {
  // Liveness: the process answers.
  const healthz: RequestHandler = (req, res) =>
    replyJson(req, res, 200, { status: "ok", questions: options.questions });

  // Readiness, for a load balancer: content is loaded (it is, or this app would not exist), the search index
  // is built, and the database, if there is one, answers within a second. Pages would still be served; this
  // takes the replica out.
  const readyz: RequestHandler = async (req, res) => {
    if (!options.searchReady())
      return replyJson(
        req,
        res,
        503,
        { status: "not ready", content: "ok", search: "the index is being built" },
        NO_STORE,
      );
    const check = options.databaseReady;
    if (!check) return replyJson(req, res, 200, { status: "ready", content: "ok", database: "none" }, NO_STORE);
    try {
      await withinTimeout(check(), READY_TIMEOUT_MS);
      replyJson(req, res, 200, { status: "ready", content: "ok", database: "ok" }, NO_STORE);
    } catch (error) {
      options.onNotReady(error);
      replyJson(req, res, 503, { status: "not ready", content: "ok", database: "unavailable" }, NO_STORE);
    }
  };

  const { metrics } = options;
  if (!metrics) return { healthz, readyz };
  const serve = serveMetrics(metrics.registry);
  const guarded: RequestHandler = (req, res, next) => {
    const given = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1] ?? "";
    if (!sameSecret(given, metrics.token))
      return next(
        new HttpError(401, "A bearer token is required.", { headers: ["WWW-Authenticate", 'Bearer realm="metrics"'] }),
      );
    return serve(req, res);
  };
  return { healthz, readyz, metrics: guarded };
}

/** The registry's text, as /metrics and the loopback metrics port both answer it. */
export function serveMetrics(registry: Registry): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    const text = await registry.metrics();
    replyBody(req, res, 200, registry.contentType, text, NO_STORE);
  };
}

function withinTimeout(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
