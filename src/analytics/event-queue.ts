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
  /**
   * Whether a failed write was refused for its data (not for the database's state: read-only, full, locked,
   * gone). Only then is the batch split to find the event at fault. Absent: never; the batch waits.
   */
  isBadData?: (error: unknown) => boolean;
  /** Told of each event the database refused for its data: dropped alone, so it cannot stop the rest. */
  onRejected?: (error: unknown, event: ReaderEvent) => void;
  reportEveryMs?: number;
  /** Events summed in memory elsewhere (answer views), taken into the queue at each write. */
  gather?: () => readonly ReaderEvent[];
}

/**
 * Takes reader events off the request path: `push` is a bounded array append that never blocks or waits
 * for the database; a timer writes what has gathered in one transaction at least once a second. When the
 * database fails, the batch goes back to the front (as much as fits) and the queue reports itself
 * unhealthy until a write or a ping succeeds. When the database answers but refuses the batch, the batch
 * itself is at fault: it is split until the event it cannot take is found, and that event alone is dropped.
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
  /** Events the database refused while answering otherwise, dropped one by one. */
  rejected = 0;

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

  /** Writes that have failed in a row since the last success (readiness reports a writer that keeps failing). */
  get failuresInARow(): number {
    return this.failures;
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
    this.gathered();
    while (this.items.length > 0 && (await this.writeOut())) {
      // each round writes one batch
    }
  }

  private gathered(): void {
    for (const event of this.options.gather?.() ?? []) this.push(event);
  }

  private async writeOut(): Promise<boolean> {
    this.gathered();
    const batch = this.items.splice(0, this.maxBatch);
    try {
      if (batch.length > 0) await this.sink.write(batch);
      else if (this.downSince !== undefined) await this.sink.ping();
      this.written += batch.length;
      this.recovered();
      return true;
    } catch (error) {
      if (batch.length > 0 && this.options.isBadData?.(error) === true && (await this.answers())) {
        await this.isolate(batch, error);
        this.recovered();
        return true;
      }
      const room = this.capacity - this.items.length;
      this.dropped += Math.max(0, batch.length - room);
      this.items = batch.slice(0, Math.max(0, room)).concat(this.items);
      this.failed(error);
      return false;
    }
  }

  private async answers(): Promise<boolean> {
    try {
      await this.sink.ping();
      return true;
    } catch {
      return false;
    }
  }

  /** Writes what the database takes of a batch it refused whole, halving it; drops only what it refuses alone. */
  private async isolate(batch: readonly ReaderEvent[], error: unknown): Promise<void> {
    if (batch.length === 1) {
      this.rejected++;
      this.options.onRejected?.(error, batch[0] as ReaderEvent);
      return;
    }
    const half = Math.ceil(batch.length / 2);
    for (const part of [batch.slice(0, half), batch.slice(half)]) {
      try {
        await this.sink.write(part);
        this.written += part.length;
      } catch (partError) {
        // A part refused for another reason (the database went read-only meanwhile) waits like any batch.
        if (this.options.isBadData?.(partError) !== true) throw partError;
        await this.isolate(part, partError);
      }
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
