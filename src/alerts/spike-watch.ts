import type { Content } from "../content/types.js";
import type { Db } from "../db/open-database.js";
import { codeHours } from "./code-hours.js";
import { DEFAULT_SPIKE_RULE, type Spike, type SpikeRule, spikes, spikeText } from "./spikes.js";

const HOUR_MS = 3_600_000;
/** How often the counts are checked: an alert comes within a minute of the spike crossing the rule. */
export const CHECK_EVERY_MS = 60_000;
/** Failures of the webhook are logged at most this often. */
const REPORT_EVERY_MS = 60_000;

export interface SpikeWatchOptions {
  rule?: SpikeRule;
  /** Where alerts go: a JSON POST with a `text` field (Slack's and Teams' incoming webhooks take it). */
  webhookUrl?: string;
  siteUrl: string;
  now?: () => number;
  log: { warn(facts: object, message: string): void; error(facts: object, message: string): void };
  timeoutMs?: number;
  retryDelayMs?: number;
}

/**
 * Checks every minute, on its own timer (never on a request's path), whether an error code is spiking, and
 * sends each spiking code to the webhook at most once an hour: the first replica to claim the (code, hour)
 * in the shared database sends it. A send that fails after its retry gives the claim back, so the next
 * check tries again; failures are logged at most once a minute.
 */
export class SpikeWatch {
  private timer: NodeJS.Timeout | undefined;
  private lastReport = 0;
  private readonly now: () => number;

  constructor(
    private readonly db: Db,
    private readonly content: Content,
    private readonly options: SpikeWatchOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  /** The codes spiking now, sending each to the webhook if it has not gone this hour. */
  async check(): Promise<Spike[]> {
    const now = this.now();
    const found = spikes(await codeHours(this.db, this.content, now), this.options.rule ?? DEFAULT_SPIKE_RULE);
    const url = this.options.webhookUrl;
    if (url) for (const spike of found) await this.alert(url, spike, now);
    return found;
  }

  start(everyMs = CHECK_EVERY_MS): this {
    this.timer ??= setInterval(() => {
      this.check().catch((error: unknown) => this.report(error, "spike check failed: it runs again in a minute"));
    }, everyMs).unref();
    return this;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private async alert(url: string, spike: Spike, now: number): Promise<void> {
    const hour = new Date(Math.floor(now / HOUR_MS) * HOUR_MS).toISOString();
    const claimed = await this.db
      .insertInto("alerts_sent")
      .values({ code: spike.code, hour, sent_at: new Date(now).toISOString() })
      .onConflict((oc) => oc.columns(["code", "hour"]).doNothing())
      .executeTakeFirst();
    if (Number(claimed.numInsertedOrUpdatedRows ?? 0) === 0) return;
    try {
      await this.send(url, spikeText(spike, this.options.siteUrl));
    } catch (error) {
      await this.db.deleteFrom("alerts_sent").where("code", "=", spike.code).where("hour", "=", hour).execute();
      this.report(error, "spike alert not delivered: the webhook failed twice; the next check tries again");
    }
  }

  /** One POST, and one retry after a pause; each with a timeout. */
  private async send(url: string, text: string): Promise<void> {
    const post = async () => {
      const response = await fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ text }),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 5_000),
      });
      await response.body?.cancel();
      if (!response.ok) throw new Error(`the webhook answered ${response.status}`);
    };
    try {
      await post();
    } catch {
      await new Promise((resolve) => setTimeout(resolve, this.options.retryDelayMs ?? 2_000));
      await post();
    }
  }

  private report(error: unknown, message: string): void {
    const now = Date.now();
    if (now - this.lastReport < REPORT_EVERY_MS) return;
    this.lastReport = now;
    this.options.log.error({ err: error }, message);
  }
}
