import type { Db } from "../db/open-database.js";

export const MAX_FAILURES = 5;
export const WINDOW_MS = 15 * 60_000;
export const LOCKOUT_MS = 15 * 60_000;

/**
 * Sign-in throttling, in the database so every replica counts the same failures. After 5 failures for one
 * (user name, client) pair, or from one client, within 15 minutes, that pair or client is refused for 15
 * minutes. A name alone is counted but never locked (sign-in-guard.ts slows it instead), so a stranger
 * cannot lock an operator out. Names are counted whether or not they exist, so nothing says which do.
 */
export class SignInThrottle {
  constructor(private readonly db: Db) {}

  /** When sign-in is refused for any of these keys, the time it opens again. */
  async lockedUntil(keys: readonly string[], now = Date.now()): Promise<number | undefined> {
    const rows = await this.db
      .selectFrom("admin_lockouts")
      .select("until")
      .where("key", "in", keys)
      .where("until", ">", new Date(now).toISOString())
      .execute();
    const latest = rows.map((row) => Date.parse(row.until)).sort((a, b) => b - a)[0];
    return latest;
  }

  /**
   * Counts a failure (or an attempt, counted before its hash is checked) under each key; a key of
   * `lockable` that reaches 5 is locked. Answers each key's failures within the window, this one included.
   */
  async recordFailure(
    keys: readonly string[],
    now = Date.now(),
    lockable: readonly string[] = keys,
  ): Promise<Map<string, number>> {
    const at = new Date(now).toISOString();
    const since = new Date(now - WINDOW_MS).toISOString();
    const counts = new Map<string, number>();
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom("admin_login_failures").where("at", "<", since).execute();
      for (const key of keys) {
        await trx.insertInto("admin_login_failures").values({ key, at }).execute();
        const row = await trx
          .selectFrom("admin_login_failures")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("key", "=", key)
          .where("at", ">=", since)
          .executeTakeFirst();
        counts.set(key, Number(row?.n ?? 0));
        if (lockable.includes(key) && Number(row?.n ?? 0) >= MAX_FAILURES) {
          const until = new Date(now + LOCKOUT_MS).toISOString();
          await trx
            .insertInto("admin_lockouts")
            .values({ key, until })
            .onConflict((oc) => oc.column("key").doUpdateSet({ until }))
            .execute();
          await trx.deleteFrom("admin_login_failures").where("key", "=", key).execute();
        }
      }
    });
    return counts;
  }

  /** Removes lockouts that have ended and failures past the window; the daily clean-up runs it. */
  async sweep(now = Date.now()): Promise<{ lockouts: number; failures: number }> {
    const lockouts = await this.db
      .deleteFrom("admin_lockouts")
      .where("until", "<=", new Date(now).toISOString())
      .executeTakeFirst();
    const failures = await this.db
      .deleteFrom("admin_login_failures")
      .where("at", "<", new Date(now - WINDOW_MS).toISOString())
      .executeTakeFirst();
    return { lockouts: Number(lockouts.numDeletedRows), failures: Number(failures.numDeletedRows) };
  }

  /**
   * A good sign-in: the pair's failures and lock go, and so does the attempt counted for the client before
   * its hash was checked (the client's other failures stay).
   */
  async forgive(keys: { pair: string; client: string }, attemptAt: number): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom("admin_login_failures").where("key", "=", keys.pair).execute();
      await trx.deleteFrom("admin_lockouts").where("key", "=", keys.pair).execute();
      await trx
        .deleteFrom("admin_login_failures")
        .where("key", "=", keys.client)
        .where("at", "=", new Date(attemptAt).toISOString())
        .execute();
    });
  }
}
