import type { Worker } from "node:worker_threads";
import {
  CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  Kysely,
  type QueryResult,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from "kysely";
import { startWorker } from "../ops/start-worker.js";
import type { Db } from "./open-database.js";
import type { Database } from "./schema.js";

/**
 * A SQLite connection on a thread of its own, behind Kysely's Dialect interface: SQLite's drivers run a
 * statement to the end before returning, so a report over a large table would hold the event loop, and
 * every reader's page with it, for as long as the statement runs. Here the statement runs on the other
 * thread; this one only waits. Queries are compiled here, as for any Kysely dialect, and sent as SQL with
 * their parameters (structured clone carries bigints and buffers).
 */

export interface ThreadQuery {
  id: number;
  /** Absent: close the connection and end the thread. */
  sql?: string;
  parameters?: readonly unknown[];
}

export type ThreadReply =
  | { id: number; ok: true; result?: QueryResult<unknown> }
  | { id: number; ok: false; error: { name: string; message: string; code?: string } };

/** The error a statement raised on the thread, as this thread sees it: its name, message and code. */
export class ThreadedSqliteError extends Error {
  constructor(
    readonly remote: { name: string; message: string; code?: string },
    readonly code = remote.code,
  ) {
    super(remote.message);
    this.name = remote.name;
  }
}

class ThreadConnection implements DatabaseConnection {
  private next = 1;
  private readonly waiting = new Map<number, { resolve: (reply: ThreadReply) => void }>();

  constructor(private readonly worker: Worker) {
    worker.on("message", (reply: ThreadReply) => {
      this.waiting.get(reply.id)?.resolve(reply);
      this.waiting.delete(reply.id);
    });
    // A thread that dies fails what waited on it; the next query would wait for ever, so it fails too.
    worker.once("exit", (code) => {
      this.closed = true;
      for (const [id, { resolve }] of this.waiting)
        resolve({ id, ok: false, error: { name: "Error", message: `the SQLite thread ended (exit code ${code})` } });
      this.waiting.clear();
    });
  }

  private closed = false;

  private send(query: Omit<ThreadQuery, "id">): Promise<ThreadReply> {
    if (this.closed)
      return Promise.resolve({ id: 0, ok: false, error: { name: "Error", message: "the SQLite thread is closed" } });
    const id = this.next++;
    return new Promise((resolve) => {
      this.waiting.set(id, { resolve });
      this.worker.postMessage({ id, ...query } satisfies ThreadQuery);
    });
  }

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const reply = await this.send({ sql: compiled.sql, parameters: compiled.parameters });
    if (!reply.ok) throw new ThreadedSqliteError(reply.error);
    return reply.result as QueryResult<R>;
  }

  // biome-ignore lint/correctness/useYield: streaming is not offered; Kysely's interface still asks for the method
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error("streaming is not supported on the SQLite thread: read in pages with limit and offset");
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.send({});
    this.closed = true;
  }
}

/** One connection, as SQLite has: a transaction holds it until it ends, as Kysely's own SqliteDriver does. */
class ThreadDriver implements Driver {
  private connection: ThreadConnection | undefined;
  private held: Promise<void> = Promise.resolve();
  private release: (() => void) | undefined;

  constructor(private readonly file: string) {}

  async init(): Promise<void> {
    this.connection = new ThreadConnection(startWorker(import.meta.url, "sqlite-thread-worker", { file: this.file }));
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const previous = this.held;
    let release!: () => void;
    this.held = new Promise((resolve) => (release = resolve));
    await previous;
    this.release = release;
    return this.connection as ThreadConnection;
  }

  async releaseConnection(): Promise<void> {
    this.release?.();
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin"));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("commit"));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("rollback"));
  }

  async destroy(): Promise<void> {
    await this.connection?.close();
  }
}

class ThreadedSqliteDialect implements Dialect {
  constructor(private readonly file: string) {}
  createAdapter() {
    return new SqliteAdapter();
  }
  createDriver() {
    return new ThreadDriver(this.file);
  }
  createQueryCompiler() {
    return new SqliteQueryCompiler();
  }
  createIntrospector(db: Kysely<unknown>) {
    return new SqliteIntrospector(db);
  }
}

/**
 * The SQLite file `file` through a connection on its own thread (WAL lets it read while the writer writes).
 * For reports, suggestions and clean-ups, whose statements can run long on a large table.
 */
export function openSqliteOnThread(file: string): Db {
  return new Kysely<Database>({ dialect: new ThreadedSqliteDialect(file) });
}
