import { describe, expect, it } from "vitest";
import type { ReaderEvent } from "../../src/analytics/events.js";
import { EventQueue, type EventSink } from "../../src/analytics/event-queue.js";

const vote = (question: string): ReaderEvent => ({
  type: "vote",
  time: 0,
  address: "",
  userAgent: "",
  question,
  helpful: true,
  reason: null,
  comment: null,
});

/** A sink that stores batches, and fails while `down` is true. */
function fakeSink() {
  const batches: string[][] = [];
  const sink = {
    down: false,
    batches,
    async write(events: readonly ReaderEvent[]) {
      if (sink.down) throw new Error("database is down");
      batches.push(events.map((e) => (e.type === "vote" ? e.question : e.type)));
    },
    async ping() {
      if (sink.down) throw new Error("database is down");
    },
  } satisfies EventSink & Record<string, unknown>;
  return sink;
}

describe("EventQueue", () => {
  it("writes what has gathered as one batch, in order", async () => {
    const sink = fakeSink();
    const queue = new EventQueue(sink);
    for (const q of ["a", "b", "c"]) queue.push(vote(q));
    expect(queue.depth).toBe(3);
    await queue.flush();
    expect(sink.batches).toEqual([["a", "b", "c"]]);
    expect(queue.depth).toBe(0);
    expect(queue.written).toBe(3);
  });

  it("takes what is summed elsewhere (answer views) into each write, and into the last one at close", async () => {
    const sink = fakeSink();
    const summed: ReaderEvent[] = [];
    const queue = new EventQueue(sink, { gather: () => summed.splice(0) });
    queue.push(vote("a"));
    summed.push({ type: "views", time: 0, question: "ae04", count: 3 });
    await queue.flush();
    summed.push({ type: "views", time: 0, question: "ae01", count: 1 });
    await queue.close();
    expect(sink.batches).toEqual([["a", "views"], ["views"]]);
  });

  it("drops and counts past its capacity, never growing", () => {
    const queue = new EventQueue(fakeSink(), { capacity: 2 });
    expect([queue.push(vote("a")), queue.push(vote("b")), queue.push(vote("c"))]).toEqual([true, true, false]);
    expect(queue.depth).toBe(2);
    expect(queue.dropped).toBe(1);
  });

  it("keeps a failed batch for the next write, reports the outage once, and recovers by itself", async () => {
    const sink = fakeSink();
    const outages: number[] = [];
    const recoveries: number[] = [];
    const queue = new EventQueue(sink, {
      onOutage: (_e, failures) => outages.push(failures),
      onRecovery: (ms) => recoveries.push(ms),
    });
    queue.push(vote("a"));
    sink.down = true;
    await queue.flush();
    await queue.flush();
    expect(queue.healthy).toBe(false);
    expect(queue.depth).toBe(1);
    expect(outages).toEqual([1]); // once a minute, not once a failure
    sink.down = false;
    queue.push(vote("b"));
    await queue.flush();
    expect(queue.healthy).toBe(true);
    expect(sink.batches).toEqual([["a", "b"]]);
    expect(recoveries).toHaveLength(1);
  });

  it("an event the database refuses while it answers is found, dropped and counted; the rest are written", async () => {
    const written: string[] = [];
    const rejected: unknown[] = [];
    const sink: EventSink = {
      async write(events) {
        if (events.some((e) => e.type === "vote" && e.question === "poison"))
          throw Object.assign(new Error("invalid byte 0x00"), { code: "22021" });
        written.push(...events.map((e) => (e.type === "vote" ? e.question : e.type)));
      },
      async ping() {},
    };
    const queue = new EventQueue(sink, {
      isBadData: (error) => (error as { code?: string }).code === "22021",
      onRejected: (error) => rejected.push(error),
    });
    for (const question of ["a", "b", "c", "poison", "d", "e", "f"]) queue.push(vote(question));
    await queue.flush();
    expect(written.sort()).toEqual(["a", "b", "c", "d", "e", "f"]);
    expect(queue.rejected).toBe(1);
    expect(String(rejected[0])).toContain("invalid byte");
    expect(queue.healthy).toBe(true);
    expect(queue.depth).toBe(0);
    queue.push(vote("g"));
    await queue.flush();
    expect(written).toContain("g");
  });

  it("a database that answers but cannot write (read-only, full) keeps the batch: nothing is dropped", async () => {
    let writable = false;
    const written: string[] = [];
    const sink: EventSink = {
      async write(events) {
        if (!writable)
          throw Object.assign(new Error("attempt to write a readonly database"), { code: "SQLITE_READONLY" });
        written.push(...events.map((e) => (e.type === "vote" ? e.question : e.type)));
      },
      async ping() {},
    };
    const queue = new EventQueue(sink, { isBadData: (error) => (error as { code?: string }).code === "22021" });
    for (const question of ["a", "b"]) queue.push(vote(question));
    await queue.flush();
    expect(queue.healthy).toBe(false);
    expect(queue.depth).toBe(2);
    expect(queue.rejected).toBe(0);
    writable = true;
    await queue.flush();
    expect(written).toEqual(["a", "b"]);
  });

  it("with nothing queued, an unhealthy queue pings until the database answers", async () => {
    const sink = fakeSink();
    const queue = new EventQueue(sink);
    sink.down = true;
    queue.push(vote("a"));
    await queue.flush();
    expect(queue.healthy).toBe(false);
    // The batch came back; while down, a failed write keeps it.
    sink.down = false;
    await queue.flush();
    expect(queue.healthy).toBe(true);
  });

  it("when a failed batch no longer fits, the overflow is dropped and counted", async () => {
    const sink = fakeSink();
    const queue = new EventQueue(sink, { capacity: 3 });
    sink.down = true;
    for (const q of ["a", "b", "c"]) queue.push(vote(q));
    const writing = queue.flush();
    // New events arrive while the write is failing.
    queue.push(vote("d"));
    queue.push(vote("e"));
    await writing;
    expect(queue.depth).toBe(3);
    expect(queue.dropped).toBe(2);
  });

  it("close() writes everything that is left", async () => {
    const sink = fakeSink();
    const queue = new EventQueue(sink, { maxBatch: 2 }).start();
    for (const q of ["a", "b", "c"]) queue.push(vote(q));
    await queue.close();
    expect(sink.batches.flat()).toEqual(["a", "b", "c"]);
  });

  it("writes at least once a second by itself once started", async () => {
    const sink = fakeSink();
    const queue = new EventQueue(sink, { intervalMs: 50 }).start();
    queue.push(vote("a"));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(sink.batches).toEqual([["a"]]);
    await queue.close();
  });
});
