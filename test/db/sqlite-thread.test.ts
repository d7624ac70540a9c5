import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { migrate } from "../../src/db/migrations.js";
import { type Db, openDatabase } from "../../src/db/open-database.js";
import { liveSqliteThreads, openSqliteOnThread, ThreadedSqliteError } from "../../src/db/sqlite-thread.js";

const opened: Db[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.destroy();
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function migratedFile(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "sqlite-thread-"));
  dirs.push(dir);
  const file = path.join(dir, "store.db");
  const main = openDatabase({ kind: "sqlite", file });
  opened.push(main);
  await migrate(main, "sqlite");
  return file;
}

/** Ticks of a 1 ms interval while `work` runs: none when the event loop is held. */
async function ticksDuring(work: () => Promise<unknown>): Promise<number> {
  let ticks = 0;
  const timer = setInterval(() => ticks++, 1);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return ticks;
}

/** A statement that runs a while: counting a few million rows of a recursive CTE. */
const slow = (db: Db) =>
  sql<{
    n: number;
  }>`with recursive c(x) as (select 1 union all select x + 1 from c where x < 4000000) select count(*) as n from c`.execute(
    db,
  );

describe("openSqliteOnThread", () => {
  it("reads and writes the same file as a connection of this thread, with parameters and transactions", async () => {
    const file = await migratedFile();
    const thread = openSqliteOnThread(file);
    opened.push(thread);
    await thread
      .insertInto("audit_log")
      .values({
        at: "2026-12-07T00:00:01Z",
        actor: "support-lead",
        action: "sign-in",
        target: null,
        detail: "from 'a' & b",
      })
      .execute();
    const main = opened[0] as Db;
    expect(await main.selectFrom("audit_log").select(["actor", "detail"]).execute()).toEqual([
      { actor: "support-lead", detail: "from 'a' & b" },
    ]);
    await expect(
      thread.transaction().execute(async (trx) => {
        await trx
          .insertInto("audit_log")
          .values({ at: "2026-12-07T00:00:02Z", actor: "x", action: "sign-in", target: null, detail: null })
          .execute();
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    expect(await thread.selectFrom("audit_log").select("at").execute()).toEqual([{ at: "2026-12-07T00:00:01Z" }]);
  });

  it("gives a statement's error with its message, and goes on answering", async () => {
    const thread = openSqliteOnThread(await migratedFile());
    opened.push(thread);
    const failed = sql`select * from no_such_table`.execute(thread);
    await expect(failed).rejects.toBeInstanceOf(ThreadedSqliteError);
    await expect(failed).rejects.toThrow(/no such table/);
    expect((await sql<{ one: number }>`select 1 as one`.execute(thread)).rows).toEqual([{ one: 1 }]);
  });

  it("leaves the event loop free while a long statement runs, which a connection of this thread holds", async () => {
    const file = await migratedFile();
    const thread = openSqliteOnThread(file);
    opened.push(thread);
    const main = opened[0] as Db;
    let onThread: unknown;
    const threadTicks = await ticksDuring(async () => (onThread = (await slow(thread)).rows));
    const mainTicks = await ticksDuring(() => slow(main));
    expect(onThread).toEqual([{ n: 4_000_000 }]);
    expect(mainTicks).toBeLessThanOrEqual(1);
    expect(threadTicks).toBeGreaterThan(10);
  });

  it("starts its thread with the first statement, ends it after a while without one, and starts it again", async () => {
    // Threads of the tests before end as they are destroyed; their exit is reported a moment later.
    await expect.poll(liveSqliteThreads, { timeout: 5_000 }).toBe(0);
    const before = 0;
    const thread = openSqliteOnThread(await migratedFile(), { idleMs: 100 });
    opened.push(thread);
    expect(liveSqliteThreads()).toBe(before);
    await sql`select 1`.execute(thread);
    expect(liveSqliteThreads()).toBe(before + 1);
    await expect.poll(liveSqliteThreads, { timeout: 5_000 }).toBe(before);
    expect((await sql<{ two: number }>`select 2 as two`.execute(thread)).rows).toEqual([{ two: 2 }]);
    expect(liveSqliteThreads()).toBe(before + 1);
  });

  it("answers a thread that cannot open its file with an error, and the server goes on", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "sqlite-thread-"));
    dirs.push(dir);
    const thread = openSqliteOnThread(path.join(dir, "not-a-folder", "store.db").replace("not-a-folder", "\u0000"));
    opened.push(thread);
    await expect(sql`select 1`.execute(thread)).rejects.toThrow(/SQLite thread ended/);
  });

  it("ends its thread when destroyed; a query after that fails instead of waiting", async () => {
    const thread = openSqliteOnThread(await migratedFile());
    await sql`select 1`.execute(thread);
    await thread.destroy();
    await expect(sql`select 1`.execute(thread)).rejects.toThrow();
  });
});
