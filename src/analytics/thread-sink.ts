import type { Worker } from "node:worker_threads";
import { startWorker } from "../ops/start-worker.js";
import type { DatabaseLocation } from "../db/database-url.js";
import type { EventSink } from "./event-queue.js";
import type { ReaderEvent } from "./events.js";
import { toWire, type WireBatch } from "./event-wire.js";
import type { PriorityChange } from "../ops/thread-priority.js";

export type WriterRequest =
  | { id: number; op: "write"; batch: WireBatch }
  | { id: number; op: "ping" }
  | { id: number; op: "close" };
export type WriterReply =
  | { id: number; ok: true }
  | { id: number; ok: false; error: string; code?: string }
  | { started: PriorityChange };

function writerThread(location: DatabaseLocation): Worker {
  return startWorker(import.meta.url, "writer-thread", location);
}

/**
 * The queue's sink on a thread of its own (writer-thread.ts), with its own connection: the batch crosses
 * to it as one string table and one transferred array of numbers (event-wire.ts) instead of being turned
 * into SQL on the event loop. A thread that dies fails the writes in flight; the queue keeps their events
 * and the next write starts a new thread.
 */
export class ThreadSink implements EventSink {
  private worker: Worker | undefined;
  private next = 0;
  private readonly waiting = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();

  /** `onStarted`: told, once per thread started, whether its priority was lowered (for the log). */
  constructor(
    private readonly location: DatabaseLocation,
    private readonly onStarted: (priority: PriorityChange) => void = () => undefined,
  ) {}

  write(events: readonly ReaderEvent[]): Promise<void> {
    const batch = toWire(events);
    // The numbers move to the thread rather than being copied.
    return this.ask({ id: ++this.next, op: "write", batch }, [batch.fields.buffer]);
  }

  ping(): Promise<void> {
    return this.ask({ id: ++this.next, op: "ping" });
  }

  /** Closes the thread's connection and ends the thread. */
  async close(): Promise<void> {
    if (!this.worker) return;
    const worker = this.worker;
    const exited = new Promise((resolve) => worker.once("exit", resolve));
    await this.ask({ id: ++this.next, op: "close" }).catch(() => undefined);
    await exited;
  }

  private ask(request: WriterRequest, transfer: ArrayBuffer[] = []): Promise<void> {
    const worker = (this.worker ??= this.start());
    return new Promise((resolve, reject) => {
      this.waiting.set(request.id, { resolve, reject });
      worker.postMessage(request, transfer);
    });
  }

  private start(): Worker {
    const worker = writerThread(this.location);
    worker.on("message", (reply: WriterReply) => {
      if ("started" in reply) return this.onStarted(reply.started);
      const waiter = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if (reply.ok) waiter?.resolve();
      else waiter?.reject(Object.assign(new Error(reply.error), { code: reply.code }));
    });
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = undefined;
      for (const waiter of this.waiting.values()) waiter.reject(error);
      this.waiting.clear();
    };
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`the analytics writer thread exited with ${code}`)));
    return worker;
  }
}
