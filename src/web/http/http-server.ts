import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { DEFAULT_MAX_CONNECTIONS } from "../../config.js";

/** How long and how much one client may hold of the server. */
export interface ConnectionLimits {
  /** The request line and headers must arrive within this. */
  headersTimeoutMs: number;
  /** The whole request, body included, must arrive within this. */
  requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveTimeoutMs: number;
  /** After this many requests a connection is closed once the last answer is sent. */
  maxRequestsPerSocket: number;
  /** Connections beyond this are closed as they are accepted. */
  maxConnections: number;
  /** How often Node checks the two timeouts above; they are only as exact as this. */
  checkIntervalMs: number;
}

export const DEFAULT_LIMITS: ConnectionLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  maxRequestsPerSocket: 1_000,
  maxConnections: DEFAULT_MAX_CONNECTIONS,
  checkIntervalMs: 1_000,
};

/** Answers one connection may have waiting to be sent; browsers do not pipeline, proxies send one at a time. */
const MAX_QUEUED_ANSWERS = 16;

export interface HttpServer {
  server: Server;
  /**
   * Stops accepting, closes every connection that has no request being answered (idle, or still sending its
   * headers), lets the answers in progress finish, then resolves. Resolves false if they took longer than
   * `graceMs` (those connections are then cut).
   */
  shutdown(graceMs: number): Promise<boolean>;
}

/**
 * The site's HTTP server with its limits set on purpose, rather than Node's defaults (five minutes for a
 * request, unlimited connections): a slow or greedy client holds a socket for seconds, not minutes.
 */
export function createHttpServer(
  handle: (req: IncomingMessage, res: ServerResponse) => void,
  limits: ConnectionLimits = DEFAULT_LIMITS,
): HttpServer {
  const sockets = new Set<Socket>();
  // Per connection: requests served, and the response being (or last) answered, which shutdown waits for.
  const connections = new WeakMap<Socket, { served: number; queued: number; answering?: ServerResponse }>();
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      connectionsCheckingInterval: limits.checkIntervalMs,
    },
    (req, res) => {
      let connection = connections.get(req.socket);
      if (!connection) connections.set(req.socket, (connection = { served: 0, queued: 0 }));
      // Answers are sent in order, so if the previous one is still unsent, so is every one queued behind it. A
      // client that pipelines request after request without reading would make us hold every answer in
      // memory (one read can carry thousands of small requests): past a few, it is cut off instead.
      connection.queued = connection.answering && !connection.answering.writableFinished ? connection.queued + 1 : 0;
      if (connection.queued > MAX_QUEUED_ANSWERS) return void req.socket.destroy();
      connection.answering = res;
      // Node's own maxRequestsPerSocket leaves the connection open and answers 503 to a client that keeps
      // sending; this closes it after the last answer instead.
      if (++connection.served >= limits.maxRequestsPerSocket) res.setHeader("Connection", "close");
      // A body nobody read (a 404 for a POST, a refused vote) would keep the socket open until it all arrived.
      if (req.headers["content-length"] !== undefined || req.headers["transfer-encoding"] !== undefined)
        res.once("finish", () => req.complete || closeGently(req.socket));
      handle(req, res);
    },
  );
  server.maxConnections = limits.maxConnections;
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    connections.set(socket, { served: 0, queued: 0 });
    socket.once("close", () => sockets.delete(socket));
  });

  const shutdown = (graceMs: number) =>
    new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        for (const socket of sockets) socket.destroy();
        resolve(false);
      }, graceMs);
      timer.unref();
      server.close(() => {
        clearTimeout(timer);
        resolve(true);
      });
      for (const socket of sockets) {
        const res = connections.get(socket)?.answering;
        if (!res || res.writableFinished) socket.destroy();
        // Once answered it closes: a keep-alive connection would otherwise wait for its idle timeout.
        else res.once("finish", () => closeGently(socket));
      }
    });
  return { server, shutdown };
}

/** Ends our side after the answer, then lets go within a second whatever the client does. Destroying at once
 * could reset the connection before the client has read the answer. */
function closeGently(socket: Socket): void {
  socket.end();
  setTimeout(() => socket.destroy(), 1_000).unref();
}
