import { afterAll, describe, expect, it } from "vitest";
import { migrate } from "../../src/db/migrations.js";
import { openDatabase } from "../../src/db/open-database.js";
import { ThreadSink } from "../../src/analytics/thread-sink.js";
import { testDatabases } from "../helpers/databases.js";

const sqlite = testDatabases().find((engine) => engine.name === "SQLite");
if (!sqlite) throw new Error("SQLite is always available");
const engine = sqlite;
afterAll(() => engine.cleanup());

const search = (query: string) =>
  ({
    type: "search",
    time: Date.now(),
    address: "203.0.113.1",
    userAgent: "x",
    query,
    results: 1,
    topResult: "ae03",
    codeMatch: true,
    source: "page",
  }) as const;

describe("ThreadSink", () => {
  it("writes batches on its thread and reports a failing write as an error with the database's message", async () => {
    const location = await engine.fresh();
    const db = openDatabase(location);
    const sink = new ThreadSink(location);
    try {
      // No schema yet: the write fails, and says why.
      await expect(sink.write([search("a")])).rejects.toThrow(/no such table/);
      await migrate(db, location.kind);
      await sink.write([search("a"), search("b")]);
      await sink.ping();
      expect(
        (await db.selectFrom("search_events").select("query").orderBy("id").execute()).map((r) => r.query),
      ).toEqual(["a", "b"]);
    } finally {
      await sink.close();
      await db.destroy();
    }
  });

  it("after its thread dies, fails what was in flight and starts a new thread for the next write", async () => {
    const { db, location } = await engine.migrated();
    const sink = new ThreadSink(location);
    try {
      await sink.write([search("a")]);
      // The thread is gone (as after a crash): the next write starts another.
      await (sink as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
      await sink.write([search("b")]);
      expect(
        (await db.selectFrom("search_events").select("query").orderBy("id").execute()).map((r) => r.query),
      ).toEqual(["a", "b"]);
    } finally {
      await sink.close();
      await db.destroy();
    }
  });
});
