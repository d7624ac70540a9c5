import type { IncomingMessage } from "node:http";
import proxyaddr from "proxy-addr";
import { compileTrust, type TrustProxy } from "../../ops/trust-proxy.js";

export type { TrustProxy };

export interface ClientAddress {
  /** The reader's address: the socket's, or the nearest address in X-Forwarded-For that is not a trusted proxy. */
  of(req: IncomingMessage): string;
  /** The peer is a trusted proxy, so its X-Forwarded-Proto and X-Request-Id may be believed. */
  viaTrustedProxy(req: IncomingMessage): boolean;
}

/** The reader's address by Express's `trust proxy` rules (proxy-addr), for the parts of the site that run outside Express too. */
export function clientAddress(trust: TrustProxy): ClientAddress {
  const trusts = compileTrust(trust);
  if (!trusts) return { of: (req) => req.socket.remoteAddress ?? "", viaTrustedProxy: () => false };
  return {
    of: (req) => (req.socket.remoteAddress === undefined ? "" : proxyaddr(req, trusts)),
    viaTrustedProxy: (req) => req.socket.remoteAddress !== undefined && trusts(req.socket.remoteAddress, 0),
  };
}
