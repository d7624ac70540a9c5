/** What a limiter decides for one request. */
export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Counts one request for a client key and says whether it is within the limit. */
export interface Limiter {
  hit(key: string, now?: number): RateDecision;
}

/** Refuses a limit that is not a positive whole number: a typo must not become "no limit". */
export function checkLimit(limit: number): void {
  if (!Number.isSafeInteger(limit) || limit < 1)
    throw new Error(`A rate limit must be a positive whole number, not ${limit}`);
}

/** The refusal for a client over its limit: whole seconds until the window ends, at least one. */
export function refusal(windowStart: number, windowMs: number, now: number): RateDecision {
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((windowStart + windowMs - now) / 1000)) };
}

/**
 * A fixed-window counter per client key: at most `limit` requests in each window of `windowMs`.
 * Memory is bounded by the clients seen in the current window; the previous window is dropped whole.
 * `now` is passed in so tests need no clock.
 */
export class RateLimiter implements Limiter {
  private counts = new Map<string, number>();
  private windowStart = 0;

  constructor(
    readonly limit: number,
    readonly windowMs = 60_000,
  ) {
    checkLimit(limit);
  }

  hit(key: string, now = Date.now()): RateDecision {
    if (now - this.windowStart >= this.windowMs) {
      this.windowStart = now - ((now - this.windowStart) % this.windowMs);
      this.counts = new Map();
    }
    const count = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, count);
    if (count <= this.limit) return { allowed: true };
    return refusal(this.windowStart, this.windowMs, now);
  }
}

/** One key per IPv4 address, and per /64 for IPv6, where one household or office gets a whole prefix. */
export function clientKey(address: string | undefined): string {
  if (!address) return "unknown";
  const v4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (v4?.[1]) return v4[1];
  if (!address.includes(":")) return address;
  const [head = "", tail = ""] = address.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = address.includes("::")
    ? [...left, ...Array<string>(8 - left.length - right.length).fill("0"), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.toLowerCase().replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}
