import type { ReaderEvent } from "./events.js";

export interface EventSink {
  write(events: readonly ReaderEvent[]): Promise<void>;
  ping(): Promise<void>;
}

export interface QueueOptions {
  /** Events held at most; past it new events are dropped and counted, never queued. */
  capacity?: number;
  /** How often the queue is written out. */
  intervalMs?: number;
  /** Most events in one transaction. */
  maxBatch?: number;
  /** Told of a write failure at most once per `reportEveryMs`, and of the recovery. */
  onOutage?: (error: unknown, failures: number) => void;
  onRecovery?: (downForMs: number) => void;
  reportEveryMs?: number;
}

/**
 * Takes reader events off the request path: `push` is a bounded array append that never blocks or waits
 * for the database; a timer writes what has gathered in one transaction at least once a second. When the
 * database fails, the batch goes back to the front (as much as fits) and the queue reports itself
 * unhealthy until a write or a ping succeeds.
 */
export class EventQueue {
  private items: ReaderEvent[] = [];
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<boolean> | undefined;
  private downSince: number | undefined;
  private lastReport = 0;
  private failures = 0;
  dropped = 0;
  written = 0;
  /** Every failed write or ping since start, for metrics. */
  failuresTotal = 0;

  private readonly capacity: number;
  private readonly intervalMs: number;
  private readonly maxBatch: number;
  private readonly reportEveryMs: number;

  constructor(
    private readonly sink: EventSink,
    private readonly options: QueueOptions = {},
  ) {
    this.capacity = options.capacity ?? 10_000;
    this.intervalMs = options.intervalMs ?? 1_000;
    this.maxBatch = options.maxBatch ?? 5_000;
    this.reportEveryMs = options.reportEveryMs ?? 60_000;
  }

  get depth(): number {
    return this.items.length;
  }

  /** False while the last write or ping failed: feedback then answers 503 rather than accept what may be lost. */
  get healthy(): boolean {
    return this.downSince === undefined;
  }

  push(event: ReaderEvent): boolean {
    if (this.items.length >= this.capacity) {
      this.dropped++;
      return false;
    }
    this.items.push(event);
    return true;
  }

  start(): this {
    this.timer ??= setInterval(() => void this.flush(), this.intervalMs).unref();
    return this;
  }

  /** Writes everything queued now; concurrent calls share one write. */
  async flush(): Promise<void> {
    this.running ??= this.writeOut().finally(() => {
      this.running = undefined;
    });
    await this.running;
  }

  /** Stops the timer and writes what is left (SIGTERM); gives up after one failed attempt. */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
    while (this.items.length > 0 && (await this.writeOut())) {
      // each round writes one batch
    }
  }

  private async writeOut(): Promise<boolean> {
    const batch = this.items.splice(0, this.maxBatch);
    try {
      if (batch.length > 0) await this.sink.write(batch);
      else if (this.downSince !== undefined) await this.sink.ping();
      this.written += batch.length;
      this.recovered();
      return true;
    } catch (error) {
      const room = this.capacity - this.items.length;
      this.dropped += Math.max(0, batch.length - room);
      this.items = batch.slice(0, Math.max(0, room)).concat(this.items);
      this.failed(error);
      return false;
    }
  }

  private failed(error: unknown): void {
    const now = Date.now();
    this.downSince ??= now;
    this.failures++;
    this.failuresTotal++;
    if (now - this.lastReport >= this.reportEveryMs) {
      this.lastReport = now;
      this.options.onOutage?.(error, this.failures);
    }
  }

  private recovered(): void {
    if (this.downSince === undefined) return;
    const downFor = Date.now() - this.downSince;
    this.downSince = undefined;
    this.failures = 0;
    this.lastReport = 0;
    this.options.onRecovery?.(downFor);
  }
}
