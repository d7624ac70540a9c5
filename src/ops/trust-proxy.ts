import proxyaddr from "proxy-addr";

/**
 * Which peers may say who the client is: none (forwarded headers are ignored, so spoofing them changes
 * nothing), the nearest N hops, or proxies by address, subnet or proxy-addr's names (loopback, uniquelocal).
 */
export type TrustProxy = false | number | readonly string[];

export type TrustFunction = (address: string, hop: number) => boolean;

/** Express's own rules for `trust proxy`. Throws a TypeError naming the entry that is not an address or subnet. */
export function compileTrust(trust: TrustProxy): TrustFunction | undefined {
  if (trust === false) return undefined;
  if (typeof trust === "number") return (_address, hop) => hop < trust;
  return proxyaddr.compile([...trust]);
}
