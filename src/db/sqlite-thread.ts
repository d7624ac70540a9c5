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
    // An error thrown on the thread (a file it cannot open, memory) is reported here; unheard, Node would
    // rethrow it on this thread and end the server. The thread then exits, which fails what waited below.
    worker.on("error", (error) => {
      this.lastError = error instanceof Error ? error.message : String(error);
    });
    // A thread that dies fails what waited on it; the next query would wait for ever, so it fails too.
    worker.once("exit", (code) => {
      this.ended = true;
      for (const [id, { resolve }] of this.waiting)
        resolve({
          id,
          ok: false,
          error: {
            name: "Error",
            message: `the SQLite thread ended (exit code ${code}): ${this.lastError ?? "closed"}`,
          },
        });
      this.waiting.clear();
    });
  }

  /** The thread has ended (closed, or died): a new connection is needed. */
  ended = false;
  private lastError: string | undefined;

  private send(query: Omit<ThreadQuery, "id">): Promise<ThreadReply> {
    if (this.ended)
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
    if (this.ended) return;
    await this.send({});
    this.ended = true;
  }
}

/** Threads of this module running now, for the tests that they start and end when they should. */
let running = 0;
export const liveSqliteThreads = (): number => running;

/**
 * One connection, as SQLite has: a transaction holds it until it ends, as Kysely's own SqliteDriver does.
 * Its thread starts with the first statement and ends after `idleMs` without one: a V8 isolate of its own
 * is some 25 MB, which a server whose dashboard nobody has open need not hold.
 */
class ThreadDriver implements Driver {
  private connection: ThreadConnection | undefined;
  private held: Promise<void> = Promise.resolve();
  private release: (() => void) | undefined;
  private idle: NodeJS.Timeout | undefined;
  private destroyed = false;

  constructor(
    private readonly file: string,
    private readonly idleMs: number,
  ) {}

  async init(): Promise<void> {}

  /** Waits for the connection to be free, then holds it until `release` is called. */
  private async hold(): Promise<void> {
    const previous = this.held;
    let release!: () => void;
    this.held = new Promise((resolve) => (release = resolve));
    await previous;
    this.release = release;
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.hold();
    clearTimeout(this.idle);
    if (this.destroyed) {
      this.release?.();
      throw new Error("the SQLite thread's database was destroyed");
    }
    if (!this.connection || this.connection.ended) {
      try {
        const worker = startWorker(import.meta.url, "sqlite-thread-worker", { file: this.file });
        running++;
        worker.once("exit", () => running--);
        this.connection = new ThreadConnection(worker);
      } catch (error) {
        // A thread that cannot start must not keep the connection held: every later query would wait.
        this.release?.();
        throw error;
      }
    }
    return this.connection;
  }

  async releaseConnection(): Promise<void> {
    this.release?.();
    clearTimeout(this.idle);
    this.idle = setTimeout(() => void this.endThread(), this.idleMs).unref();
  }

  /**
   * Ends the thread once the connection is free (the next statement starts another, unless destroyed). A
   * statement in progress is waited for: SQLite's drivers offer no way to interrupt one, and ending the thread
   * takes effect only when it returns. The reports' row limits keep that short.
   */
  private async endThread(): Promise<void> {
    await this.hold();
    try {
      await this.connection?.close();
      this.connection = undefined;
    } finally {
      this.release?.();
    }
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
    this.destroyed = true;
    clearTimeout(this.idle);
    await this.endThread();
  }
}

class ThreadedSqliteDialect implements Dialect {
  constructor(
    private readonly file: string,
    private readonly idleMs: number,
  ) {}
  createAdapter() {
    return new SqliteAdapter();
  }
  createDriver() {
    return new ThreadDriver(this.file, this.idleMs);
  }
  createQueryCompiler() {
    return new SqliteQueryCompiler();
  }
  createIntrospector(db: Kysely<unknown>) {
    return new SqliteIntrospector(db);
  }
}

/** How long the thread waits for another statement before it ends (the next one starts it again). */
const IDLE_MS = 30_000;

/**
 * The SQLite file `file` through a connection on its own thread (WAL lets it read while the writer writes).
 * For reports and suggestions, whose statements can run long on a large table.
 */
export function openSqliteOnThread(file: string, options: { idleMs?: number } = {}): Db {
  return new Kysely<Database>({ dialect: new ThreadedSqliteDialect(file, options.idleMs ?? IDLE_MS) });
}
