import { checkLimit, refusal, type Limiter, type RateDecision } from "./rate-limit.js";

/**
 * Where the counts of every process meet (the cluster's primary, or PostgreSQL for replicas): it adds one
 * process's new hits for a window and answers the totals of all processes for those keys.
 */
export interface RateHub {
  exchange(name: string, windowStart: number, hits: ReadonlyMap<string, number>): Promise<Map<string, number>>;
}

/**
 * A per-client limit shared by several processes, decided locally so a request never waits on another
 * process: each hit is counted here at once, and counts are exchanged with the hub, which tells each
 * process what the others have counted. Exchanges run every interval, and at once (one at a time) for a
 * client past half its limit, so the busiest clients are the most precisely counted: a client spread over
 * N processes can exceed the limit by about what they answer it during one exchange, not N times over.
 * Refused requests are not counted, so a flood past the limit costs the hub nothing.
 * If the hub cannot be reached, each process goes on counting alone (the old per-process limit).
 *
 * Windows are fixed and aligned to the clock, so every process means the same minute.
 */
export class SharedLimiter implements Limiter {
  private windowStart = 0;
  /** Totals of every process, as the hub last said, plus what we counted alone while it could not answer. */
  private known = new Map<string, number>();
  /** Our hits not yet sent. */
  private unsent = new Map<string, number>();
  /** Our hits sent, with no answer yet. */
  private sending: Map<string, number> | undefined;
  private inFlight: Promise<void> | undefined;

  constructor(
    readonly name: string,
    readonly limit: number,
    private readonly hub: RateHub,
    readonly windowMs = 60_000,
  ) {
    checkLimit(limit);
  }

  hit(key: string, now = Date.now()): RateDecision {
    this.roll(now);
    const mine = this.unsent.get(key) ?? 0;
    const total = (this.known.get(key) ?? 0) + (this.sending?.get(key) ?? 0) + mine + 1;
    if (total > this.limit) return refusal(this.windowStart, this.windowMs, now);
    this.unsent.set(key, mine + 1);
    if (total * 2 > this.limit && this.inFlight === undefined) void this.exchange(now);
    return { allowed: true };
  }

  /** Sends the hits counted since the last exchange and learns the totals; after any exchange in flight. */
  async exchange(now = Date.now()): Promise<void> {
    while (this.inFlight !== undefined) await this.inFlight;
    this.roll(now);
    if (this.unsent.size === 0) return;
    const window = this.windowStart;
    const sending = this.unsent;
    this.unsent = new Map();
    this.sending = sending;
    this.inFlight = (async () => {
      try {
        const totals = await this.hub.exchange(this.name, window, sending);
        if (this.windowStart !== window) return;
        for (const [key, count] of sending)
          this.known.set(key, Math.max(totals.get(key) ?? 0, (this.known.get(key) ?? 0) + count));
      } catch {
        // Counted as if alone: the limit still holds for this process.
        if (this.windowStart === window)
          for (const [key, count] of sending) this.known.set(key, (this.known.get(key) ?? 0) + count);
      } finally {
        if (this.sending === sending) this.sending = undefined;
        this.inFlight = undefined;
      }
    })();
    await this.inFlight;
  }

  private roll(now: number): void {
    const start = now - (now % this.windowMs);
    if (start === this.windowStart) return;
    this.windowStart = start;
    this.known = new Map();
    this.unsent = new Map();
    this.sending = undefined;
  }
}

export interface SharedLimits {
  /** A limiter of `perMinute` hits per client shared through the hub; undefined for 0 (no limit). */
  limiter(name: string, perMinute: number): Limiter | undefined;
  stop(): void;
}

/**
 * Limiters sharing one hub, exchanging every `intervalMs`. `onTrouble` hears of a hub that fails, at most
 * once a minute (each process then counts alone).
 */
export function sharedLimits(shared: RateHub, intervalMs: number, onTrouble?: (error: unknown) => void): SharedLimits {
  let warnedAt = -Infinity;
  const hub: RateHub = {
    exchange: (...args) =>
      shared.exchange(...args).catch((error: unknown) => {
        if (onTrouble && performance.now() - warnedAt > 60_000) {
          warnedAt = performance.now();
          onTrouble(error);
        }
        throw error;
      }),
  };
  const limiters: SharedLimiter[] = [];
  const timer = setInterval(() => {
    for (const limiter of limiters) void limiter.exchange();
  }, intervalMs);
  timer.unref();
  return {
    limiter(name, perMinute) {
      if (perMinute <= 0) return undefined;
      const limiter = new SharedLimiter(name, perMinute, hub);
      limiters.push(limiter);
      return limiter;
    },
    stop: () => clearInterval(timer),
  };
}
