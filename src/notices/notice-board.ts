import type { Notice } from "./notice.js";

/** How often the shared notices are read again while pages are being asked for. */
export const NOTICE_REFRESH_MS = 5_000;
/** How often what is active is decided again from the clock. */
const SETTLE_MS = 1_000;

/**
 * The notices in force now: those from content, and the dashboard's, read from the shared store (every
 * replica reads it, so a notice made on one shows on all of them within seconds). Kept fresh by the
 * requests themselves, without a timer: reading `active` decides again from the clock once a second, and
 * starts a read of the store (not awaited) every NOTICE_REFRESH_MS, so a notice appears and goes within
 * seconds of its start and end, and an app that is replaced leaves nothing running behind.
 * `version` changes whenever the active set does: pages keyed by it are made again, and only then.
 */
export class NoticeBoard {
  private stored: readonly Notice[] = [];
  private current: readonly Notice[] = [];
  private signature = "";
  private settleAt = 0;
  private loadAt = 0;
  private loading: Promise<void> | undefined;
  version = 0;

  constructor(
    private readonly fromContent: readonly Notice[],
    private readonly options: {
      /** The dashboard's notices that have not ended; absent without a database. */
      load?: () => Promise<readonly Notice[]>;
      now?: () => number;
      onError?: (error: unknown) => void;
    } = {},
  ) {
    this.settle(this.now());
  }

  /** Active now, in the order they started. */
  get active(): readonly Notice[] {
    const now = this.now();
    if (now >= this.settleAt) {
      this.settle(now);
      if (this.options.load && now >= this.loadAt) void this.refresh();
    }
    return this.current;
  }

  /** Reads the store again and decides what is active now; a failed read keeps the last one. */
  refresh(): Promise<void> {
    this.loadAt = this.now() + NOTICE_REFRESH_MS;
    this.loading ??= this.load().finally(() => {
      this.loading = undefined;
    });
    return this.loading;
  }

  private async load(): Promise<void> {
    try {
      if (this.options.load) this.stored = await this.options.load();
    } catch (error) {
      this.options.onError?.(error);
    }
    this.settle(this.now());
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private settle(now: number): void {
    this.settleAt = now + SETTLE_MS;
    const active = [...this.fromContent, ...this.stored]
      .filter((notice) => notice.startsAt <= now && now < notice.endsAt)
      .sort((a, b) => a.startsAt - b.startsAt || a.id.localeCompare(b.id));
    // Anything shown that changed (an edit, an early end) makes a new version, not only a new id.
    const signature = JSON.stringify(active);
    if (signature === this.signature) return;
    this.signature = signature;
    this.current = active;
    this.version++;
  }
}
