// The analytics writer's own thread: it turns batches of reader events into rows, so the event loop that
// answers readers spends nothing on SQL. Started by ThreadSink with the database's location.
import { parentPort, workerData } from "node:worker_threads";
import type { DatabaseLocation } from "../db/database-url.js";
import { openDatabase } from "../db/open-database.js";
import { lowerThisThreadPriority } from "../ops/thread-priority.js";
import { databaseErrorCode } from "./bad-data.js";
import { AnalyticsStore } from "./analytics-store.js";
import { fromWire } from "./event-wire.js";
import type { WriterReply, WriterRequest } from "./thread-sink.js";

const port = parentPort;
if (!port) throw new Error("writer-thread runs only as a worker thread");
// Writing events can wait a moment; answering readers cannot. On a busy machine this thread gets a smaller
// share of the CPU than the event loop answering them. What happened is reported once, for the log.
port.postMessage({ started: lowerThisThreadPriority() } satisfies WriterReply);
// Off the event loop, waiting for another SQLite writer (a report, a sign-in) costs no reader anything.
const db = openDatabase(workerData as DatabaseLocation, { busyTimeoutMs: 2_000 });
const store = new AnalyticsStore(db);

port.on("message", (request: WriterRequest) => {
  const work =
    request.op === "write" ? store.write(fromWire(request.batch)) : request.op === "ping" ? store.ping() : db.destroy();
  work.then(
    () => port.postMessage({ id: request.id, ok: true } satisfies WriterReply),
    (error: unknown) =>
      port.postMessage({
        id: request.id,
        ok: false,
        error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
        // The database's own code crosses too: the queue tells bad data from a database that cannot write.
        code: databaseErrorCode(error),
      } satisfies WriterReply),
  );
  if (request.op === "close") void work.finally(() => port.close());
});
