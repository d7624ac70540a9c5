import { mkdirSync } from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect } from "kysely";
import pg from "pg";
import type { DatabaseLocation } from "./database-url.js";
import type { Database } from "./schema.js";

export type Db = Kysely<Database>;

/**
 * Opens the store without waiting for it: a PostgreSQL pool connects on first use, so a server whose
 * database is down still starts and serves pages. A SQLite file is created, with its folder, on first open.
 */
export function openDatabase(location: DatabaseLocation): Db {
  if (location.kind === "postgres") {
    const pool = new pg.Pool({ connectionString: location.url, max: 10, connectionTimeoutMillis: 2_000, idleTimeoutMillis: 30_000 });
    // A client that loses its server emits "error" (idle in the pool, or between queries); unheard, that
    // would end the process. The failure reaches the writer through the query that fails instead.
    pool.on("error", () => undefined);
    pool.on("connect", (client) => client.on("error", () => undefined));
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  }
  if (location.file !== ":memory:") mkdirSync(path.dirname(location.file), { recursive: true });
  const database = new SQLite(location.file);
  // WAL lets readers (reports) run while the writer appends.
  database.pragma("journal_mode = WAL");
  // better-sqlite3 waits on the event loop: a short wait for another writer, then the batch is retried a second later.
  database.pragma("busy_timeout = 25");
  database.pragma("synchronous = NORMAL");
  return new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
}
