import { existsSync, readdirSync, readFileSync } from "node:fs";
import { once } from "node:events";
import { describe, expect, it } from "vitest";
import { startWorker } from "../../src/ops/start-worker.js";
import { BACKGROUND_NICENESS } from "../../src/ops/thread-priority.js";
import { ThreadSink } from "../../src/analytics/thread-sink.js";
import { testDatabases } from "../helpers/databases.js";

const linux = process.platform === "linux";
const niceOf = (statFile: string) => (existsSync(statFile) ? Number(readFileSync(statFile, "utf8").split(") ")[1]?.split(" ")[16]) : null);
const threadNices = () => readdirSync(`/proc/${process.pid}/task`).map((tid) => niceOf(`/proc/${process.pid}/task/${tid}/stat`));

describe("lowerThisThreadPriority", () => {
  it("lowers the calling thread alone on Linux (the process's main thread keeps its priority), and changes nothing elsewhere", async () => {
    const before = niceOf(`/proc/${process.pid}/stat`);
    const worker = startWorker(import.meta.url, "fixtures/lowered-thread", 7);
    const [report] = (await once(worker, "message")) as [{ lowered: boolean; thread: number | null; process: number | null }];
    await worker.terminate();
    // Elsewhere a nice value is the whole process's: lowering it would slow the readers' thread too.
    expect(report).toEqual(linux ? { lowered: true, thread: 7, process: before } : { lowered: false, thread: null, process: null });
  });

  // Only Linux lists a process's threads with their nice values.
  it.runIf(linux)("runs the analytics writer thread below the threads that answer readers", async () => {
    const sqlite = testDatabases().find((engine) => engine.name === "SQLite");
    if (!sqlite) throw new Error("SQLite is always available");
    const { location } = await sqlite.migrated();
    const before = threadNices().filter((nice) => nice === BACKGROUND_NICENESS).length;
    const sink = new ThreadSink(location);
    try {
      await sink.ping();
      expect(threadNices().filter((nice) => nice === BACKGROUND_NICENESS).length).toBe(before + 1);
    } finally {
      await sink.close();
      await sqlite.cleanup();
    }
  });
});
