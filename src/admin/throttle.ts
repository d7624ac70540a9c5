import type { Db } from "../db/open-database.js";

export const MAX_FAILURES = 5;
export const WINDOW_MS = 15 * 60_000;
export const LOCKOUT_MS = 15 * 60_000;

/**
 * Sign-in throttling, in the database so every replica counts the same failures. After 5 failures for one
 * user name, or from one client, within 15 minutes, that name or client is refused for 15 minutes. The name
 * is counted whether or not it exists, so the refusal says nothing about which names do.
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

  async recordFailure(keys: readonly string[], now = Date.now()): Promise<void> {
    const at = new Date(now).toISOString();
    const since = new Date(now - WINDOW_MS).toISOString();
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
        if (Number(row?.n ?? 0) >= MAX_FAILURES) {
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

  /** A good sign-in clears the user name's failures (not the client's). */
  async clear(key: string): Promise<void> {
    await this.db.deleteFrom("admin_login_failures").where("key", "=", key).execute();
  }
}
