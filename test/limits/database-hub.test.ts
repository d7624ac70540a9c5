import { afterAll, describe, expect, it } from "vitest";
import { DatabaseHub } from "../../src/limits/database-hub.js";
import { testDatabases } from "../helpers/databases.js";

const engines = testDatabases();
afterAll(async () => {
  for (const engine of engines) await engine.cleanup();
});

const T = 1_800_000_000_000;

describe.each(engines)("DatabaseHub on $name", (engine) => {
  it("adds each replica's hits and answers the totals, storing no address", async () => {
    const { db } = await engine.migrated();
    try {
      const replicaA = new DatabaseHub(db);
      const replicaB = new DatabaseHub(db);
      expect(await replicaA.exchange("search", T, new Map([["203.0.113.1", 3]]))).toEqual(
        new Map([["203.0.113.1", 3]]),
      );
      expect(
        await replicaB.exchange(
          "search",
          T,
          new Map([
            ["203.0.113.1", 2],
            ["2001:db8:1:2::/64", 1],
          ]),
        ),
      ).toEqual(
        new Map([
          ["203.0.113.1", 5],
          ["2001:db8:1:2::/64", 1],
        ]),
      );
      expect(await replicaA.exchange("votes", T, new Map([["203.0.113.1", 1]]))).toEqual(new Map([["203.0.113.1", 1]]));
      const stored = await db.selectFrom("rate_limit_hits").select(["key", "hits"]).execute();
      expect(stored).toHaveLength(3);
      expect(JSON.stringify(stored)).not.toMatch(/203\.0\.113|2001:db8/);
    } finally {
      await db.destroy();
    }
  });

  it("deletes a limit's rows once their window is over", async () => {
    const { db } = await engine.migrated();
    try {
      const hub = new DatabaseHub(db);
      await hub.exchange("search", T, new Map([["a", 1]]));
      await hub.exchange("search", T + 60_000, new Map([["b", 1]]));
      expect(
        (await db.selectFrom("rate_limit_hits").select("window_start").execute()).map((r) => Number(r.window_start)),
      ).toEqual([T + 60_000]);
    } finally {
      await db.destroy();
    }
  });

  it("takes thousands of clients in one exchange", async () => {
    const { db } = await engine.migrated();
    try {
      const hits = new Map(
        Array.from({ length: 2_500 }, (_, i) => [`198.51.${Math.floor(i / 256)}.${i % 256}`, 1] as [string, number]),
      );
      const totals = await new DatabaseHub(db).exchange("search", T, hits);
      expect(totals.size).toBe(2_500);
    } finally {
      await db.destroy();
    }
  });
});
