import { existsSync, readdirSync, readFileSync } from "node:fs";
import { once } from "node:events";
import { describe, expect, it } from "vitest";
import { startWorker } from "../../src/ops/start-worker.js";
import { BACKGROUND_NICENESS, type PriorityChange } from "../../src/ops/thread-priority.js";
import { ThreadSink } from "../../src/analytics/thread-sink.js";
import { testDatabases } from "../helpers/databases.js";

const linux = process.platform === "linux";
const niceOf = (statFile: string) =>
  existsSync(statFile) ? Number(readFileSync(statFile, "utf8").split(") ")[1]?.split(" ")[16]) : null;
/** The nice value of this process's main thread, the one that answers readers. */
const mainThreadNice = () => niceOf(`/proc/${process.pid}/task/${process.pid}/stat`);
const threadNices = () =>
  readdirSync(`/proc/${process.pid}/task`).map((tid) => niceOf(`/proc/${process.pid}/task/${tid}/stat`));

describe("lowerThisThreadPriority", () => {
  it("lowers the calling thread alone, by steps from where it was, on Linux; elsewhere it changes nothing and says why", async () => {
    const before = mainThreadNice();
    const worker = startWorker(import.meta.url, "fixtures/lowered-thread", 7);
    const [report] = (await once(worker, "message")) as [{ change: PriorityChange; nice: number | null }];
    await worker.terminate();
    if (!linux)
      return expect(report.change).toEqual({ lowered: false, reason: expect.stringContaining("per process") });
    const to = Math.min(19, (before ?? 0) + 7);
    expect(report).toEqual({ change: { lowered: true, from: before, to }, nice: to });
    expect(mainThreadNice()).toBe(before);
  });

  // Only Linux lists a process's threads with their nice values.
  it.runIf(linux)("runs the analytics writer thread below the thread that answers readers, and says so", async () => {
    const sqlite = testDatabases().find((engine) => engine.name === "SQLite");
    if (!sqlite) throw new Error("SQLite is always available");
    const { location } = await sqlite.migrated();
    const main = mainThreadNice() ?? 0;
    const lowered = Math.min(19, main + BACKGROUND_NICENESS);
    const before = threadNices().filter((nice) => nice === lowered).length;
    const started: PriorityChange[] = [];
    const sink = new ThreadSink(location, (change) => started.push(change));
    try {
      await sink.ping();
      expect(threadNices().filter((nice) => nice === lowered).length).toBe(before + 1);
      expect(mainThreadNice()).toBe(main);
      expect(started).toEqual([{ lowered: true, from: main, to: lowered }]);
    } finally {
      await sink.close();
      await sqlite.cleanup();
    }
  });
});
