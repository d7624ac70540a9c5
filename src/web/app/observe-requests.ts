import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "../../ops/logger.js";
import type { Metrics } from "../../ops/metrics.js";
import { requestId } from "../../ops/request-id.js";
import type { ClientAddress } from "../http/client-address.js";
import { bodyBytesSent } from "../http/prepared-response.js";
import { pathOf } from "../http/split-url.js";
import type { RequestListener } from "./create-app.js";

export interface ObserveOptions {
  client: ClientAddress;
  /** Whether any proxy is trusted, so a request id it sends may be kept. */
  trustsProxies: boolean;
  /** The route table's label for a path: its pattern, never the raw path. */
  labelOf: (path: string) => string;
  metrics: Metrics | undefined;
  accessLog: Logger | undefined;
}

/**
 * Gives each request its id, hands it on, and takes one access line and one metrics observation when the
 * response is handed to the socket.
 */
export function observedRequests(
  answer: (req: IncomingMessage, res: ServerResponse, id: string) => void,
  options: ObserveOptions,
): RequestListener {
  const { client, metrics, accessLog, labelOf } = options;
  const idOf = (req: IncomingMessage) =>
    requestId(req.headers["x-request-id"], options.trustsProxies && client.viaTrustedProxy(req));
  if (!metrics && !accessLog) return (req, res) => answer(req, res, idOf(req));

  const observe = (req: IncomingMessage, res: ServerResponse, id: string, started: number) => {
    const ms = performance.now() - started;
    const path = pathOf(req.url);
    const method = req.method ?? "GET";
    metrics?.observeRequest(labelOf(path), method, res.statusCode, ms / 1000);
    // The path only: a query string is reader data (a search), which the log must not keep.
    accessLog?.info(
      {
        reqId: id,
        method,
        path,
        status: res.statusCode,
        bytes: bodyBytesSent(res) ?? Number(res.getHeader("Content-Length") ?? 0),
        ms: Math.round(ms * 100) / 100,
      },
      "request",
    );
  };
  return (req, res) => {
    const id = idOf(req);
    const started = performance.now();
    answer(req, res, id);
    // A page or search answered from memory has ended already: observe it now, with no listener to add.
    if (res.writableEnded) observe(req, res, id, started);
    else res.once("finish", () => observe(req, res, id, started));
  };
}
