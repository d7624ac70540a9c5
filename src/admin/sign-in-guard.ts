import { storable } from "../analytics/redact.js";

/**
 * What bounds a password guess besides the database's count of failures: one guess at a time per (name,
 * client) and per client in this process, and a small queue for the scrypt work, which shares Node's thread
 * pool with page compression. Both answer at once when full, so a burst costs neither memory nor hashes.
 */

/** Keys a sign-in attempt is counted under. Only the pair and the client are ever locked (OWASP: a name
 * locked for everyone lets a stranger keep the office out); the name alone slows down and raises an alert. */
export function signInKeys(username: string, client: string): { pair: string; client: string; name: string } {
  // Stored as text on both engines: no NUL (PostgreSQL refuses it) and no lone surrogate in a name typed in
  // the form; a client key holds no space, so "client name" reads one way only.
  const name = storable(username).toLowerCase();
  return { pair: `pair:${client} ${name}`, client: `client:${client}`, name: `user:${name}` };
}

/** Keys with a guess in progress: a second guess under any of them waits for none, it is refused. */
export class GuessesInFlight {
  private readonly held = new Set<string>();

  /** Holds every key, or none when one of them is held already. */
  hold(keys: readonly string[]): boolean {
    if (keys.some((key) => this.held.has(key))) return false;
    for (const key of keys) this.held.add(key);
    return true;
  }

  release(keys: readonly string[]): void {
    for (const key of keys) this.held.delete(key);
  }
}

/** At most `atOnce` hashes run, at most `waiting` wait; past that `run` answers undefined at once. */
export class HashQueue {
  private running = 0;
  private readonly queue: Array<() => void> = [];

  constructor(
    readonly atOnce = 2,
    readonly waiting = 8,
  ) {}

  run<T>(work: () => Promise<T>): Promise<T> | undefined {
    if (this.running < this.atOnce) {
      this.running++;
      return this.execute(work);
    }
    if (this.queue.length >= this.waiting) return undefined;
    return new Promise<void>((start) => this.queue.push(start)).then(() => this.execute(work));
  }

  /** Runs work in a place already counted, then hands the place to the next waiting, or frees it. */
  private async execute<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } finally {
      const next = this.queue.shift();
      if (next) next();
      else this.running--;
    }
  }
}

/**
 * The pause before answering the nth failure for one name within the window, from whatever clients: none
 * for the first five, then doubling from a quarter second to at most four. It slows a spray across many
 * addresses without locking the name for its owner.
 */
export function nameDelayMs(failures: number): number {
  if (failures <= 5) return 0;
  return Math.min(4000, 250 * 2 ** (failures - 6));
}
