import type { IncomingMessage } from "node:http";
import { isIP } from "node:net";
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
    of: (req) => {
      const peer = req.socket.remoteAddress;
      if (peer === undefined) return "";
      // Some proxies forward "203.0.113.7:51234" or "[2001:db8::1]:443": a new port per request would be a
      // new client per request, past every per-client limit. Anything that is not an address is the peer's.
      return bareAddress(proxyaddr(req, trusts)) ?? peer;
    },
    viaTrustedProxy: (req) => req.socket.remoteAddress !== undefined && trusts(req.socket.remoteAddress, 0),
  };
}

/** An IP address without brackets or port, or undefined when the text is no IP address at all. */
export function bareAddress(text: string): string | undefined {
  const trimmed = text.trim();
  if (isIP(trimmed)) return trimmed;
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(trimmed);
  if (bracketed?.[1] && isIP(bracketed[1]) === 6) return bracketed[1];
  const withPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/.exec(trimmed);
  if (withPort?.[1] && isIP(withPort[1]) === 4) return withPort[1];
  return undefined;
}
