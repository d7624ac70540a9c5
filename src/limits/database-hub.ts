import { createHash } from "node:crypto";
import type { Db } from "../db/open-database.js";
import type { RateHub } from "./shared-limiter.js";

/** Rows per statement: well under PostgreSQL's 65,535 parameters at four a row. */
const CHUNK = 1_000;

/**
 * The database as the hub, for replicas on several machines sharing one PostgreSQL: each exchange adds this
 * process's hits with one upsert and reads back the totals. No address is stored: the key is a hash of the
 * client's key with the window, so rows cannot be linked from one minute to the next, and they are deleted
 * once their window is over.
 */
export class DatabaseHub implements RateHub {
  private cleanedFor = new Map<string, number>();

  constructor(private readonly db: Db) {}

  async exchange(name: string, windowStart: number, hits: ReadonlyMap<string, number>): Promise<Map<string, number>> {
    if (this.cleanedFor.get(name) !== windowStart) {
      this.cleanedFor.set(name, windowStart);
      await this.db
        .deleteFrom("rate_limit_hits")
        .where("name", "=", name)
        .where("window_start", "<", windowStart)
        .execute();
    }
    const byHash = new Map<string, string>();
    const rows = [...hits].map(([key, count]) => {
      const hashed = createHash("sha256")
        .update(`${name}\u0000${windowStart}\u0000${key}`)
        .digest("base64url")
        .slice(0, 22);
      byHash.set(hashed, key);
      return { name, key: hashed, window_start: windowStart, hits: count };
    });
    const totals = new Map<string, number>();
    for (let i = 0; i < rows.length; i += CHUNK) {
      const written = await this.db
        .insertInto("rate_limit_hits")
        .values(rows.slice(i, i + CHUNK))
        .onConflict((oc) =>
          oc
            .columns(["name", "window_start", "key"])
            .doUpdateSet((eb) => ({ hits: eb("rate_limit_hits.hits", "+", eb.ref("excluded.hits")) })),
        )
        .returning(["key", "hits"])
        .execute();
      for (const row of written) {
        const key = byHash.get(row.key);
        if (key !== undefined) totals.set(key, Number(row.hits));
      }
    }
    return totals;
  }
}
