import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type BetterSqlite3 from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect, type SqliteDatabase } from "kysely";
import type Pg from "pg";
import type { DatabaseLocation } from "./database-url.js";
import { builtInSqlite, nodeSqliteDatabase } from "./node-sqlite.js";
import { parametersAsArguments } from "./parameters-as-arguments.js";
import type { Database } from "./schema.js";

export type Db = Kysely<Database>;

// WAL lets readers (reports) run while the writer appends. On the event loop a connection may wait only
// briefly for another writer (a wait there stalls every request); the analytics writer has a thread of
// its own and can wait longer.
//
// Switching a new file to WAL takes a lock that another process opening it at the same moment (the workers
// of WEB_CONCURRENCY) may hold: opening waits up to 5 s for it, as better-sqlite3 does by default and
// node:sqlite, which waits not at all, would not. Only then is the connection's own timeout set.
const OPENING_BUSY_TIMEOUT_MS = 5_000;
const pragmas = (busyTimeoutMs: number) => [
  `pragma busy_timeout = ${OPENING_BUSY_TIMEOUT_MS}`,
  "pragma journal_mode = WAL",
  "pragma synchronous = NORMAL",
  "pragma foreign_keys = ON",
  `pragma busy_timeout = ${busyTimeoutMs}`,
];

export interface OpenOptions {
  /** How long a SQLite connection waits for another writer before giving up (default 25 ms). */
  busyTimeoutMs?: number;
}

// The drivers are CommonJS, loaded when a location needs them.
const require = createRequire(import.meta.url);

/**
 * The SQLite driver for this Node: node:sqlite where Node has it (22.13+, 24), better-sqlite3 on Node 20.
 * better-sqlite3 12, the last line that runs on Node 20, aborts the process on Node 24 when the garbage
 * collector finalises a statement (WiseLibs/better-sqlite3#1515, closed upstream without a 12.x fix).
 */
function openSqlite(file: string, busyTimeoutMs: number) {
  const builtIn = builtInSqlite();
  if (builtIn) {
    const database = nodeSqliteDatabase(builtIn, file);
    for (const pragma of pragmas(busyTimeoutMs)) database.exec(pragma);
    return database;
  }
  const SQLite = require("better-sqlite3") as typeof BetterSqlite3;
  const database = new SQLite(file);
  for (const pragma of pragmas(busyTimeoutMs)) database.exec(pragma);
  return withParametersAsArguments(database);
}

/** better-sqlite3 as Kysely's SqliteDialect expects it, its statements' parameters spread into arguments. */
function withParametersAsArguments(database: BetterSqlite3.Database): SqliteDatabase {
  return {
    close: () => void database.close(),
    prepare(sql) {
      const statement = database.prepare(sql);
      return parametersAsArguments(statement, statement.reader);
    },
  };
}

/**
 * Opens the store without waiting for it: a PostgreSQL pool connects on first use, so a server whose
 * database is down still starts and serves pages. A SQLite file is created, with its folder, on first open.
 */
export function openDatabase(location: DatabaseLocation, options: OpenOptions = {}): Db {
  if (location.kind === "postgres") {
    // Loaded only here: a SQLite server (the default, and its writer thread) never pays for the driver.
    const pg = require("pg") as typeof Pg;
    const pool = new pg.Pool({
      connectionString: location.url,
      max: 10,
      connectionTimeoutMillis: 2_000,
      idleTimeoutMillis: 30_000,
    });
    // A client that loses its server emits "error" (idle in the pool, or between queries); unheard, that
    // would end the process. The failure reaches the writer through the query that fails instead.
    pool.on("error", () => undefined);
    pool.on("connect", (client) => client.on("error", () => undefined));
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  }
  if (location.file !== ":memory:") mkdirSync(path.dirname(location.file), { recursive: true });
  const database = openSqlite(location.file, options.busyTimeoutMs ?? 25);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
  sqliteHandles.set(db, database);
  return db;
}

const sqliteHandles = new WeakMap<Db, SqliteDatabase>();

/**
 * The SQLite connection behind a Kysely instance opened here, for statements prepared once and run many
 * times (the analytics writer's row inserts); undefined for PostgreSQL. Kysely prepares every statement it
 * runs anew, which for single rows costs more than the insert. Statements run on it join whatever
 * transaction Kysely has open: SQLite has one connection.
 */
export function sqliteHandle(db: Db): SqliteDatabase | undefined {
  return sqliteHandles.get(db);
}
