// The SQLite connection of sqlite-thread.ts: runs each statement it is sent and answers with its result.
import { parentPort, workerData } from "node:worker_threads";
import { CompiledQuery } from "kysely";
import { openDatabase } from "./open-database.js";
import type { ThreadQuery, ThreadReply } from "./sqlite-thread.js";

const port = parentPort;
if (!port) throw new Error("sqlite-thread-worker runs only as a worker thread");
// Off the event loop, waiting for the writer's lock costs no reader anything.
const db = openDatabase({ kind: "sqlite", file: (workerData as { file: string }).file }, { busyTimeoutMs: 2_000 });

port.on("message", async (query: ThreadQuery) => {
  if (query.sql === undefined) {
    // Answered whatever closing the file does: the other thread waits for this reply.
    await db.destroy().catch(() => undefined);
    port.postMessage({ id: query.id, ok: true } satisfies ThreadReply);
    port.close();
    return;
  }
  try {
    const result = await db.executeQuery(CompiledQuery.raw(query.sql, [...(query.parameters ?? [])]));
    port.postMessage({ id: query.id, ok: true, result } satisfies ThreadReply);
  } catch (error) {
    const { name, message, code } = (error ?? {}) as Error & { code?: unknown };
    port.postMessage({
      id: query.id,
      ok: false,
      error: { name: String(name), message: String(message), code: typeof code === "string" ? code : undefined },
    } satisfies ThreadReply);
  }
});
