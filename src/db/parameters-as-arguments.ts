import type { SqliteStatement } from "kysely";

/** A prepared statement that takes its parameters as arguments: node:sqlite's and better-sqlite3's both do. */
export interface ArgumentsStatement {
  all(...params: unknown[]): unknown[];
  run(...params: unknown[]): { changes: number | bigint; lastInsertRowid: number | bigint };
  iterate(...params: unknown[]): IterableIterator<unknown>;
}

/**
 * The statement in the shape Kysely's SqliteDialect calls, one array of parameters, spread into arguments.
 * node:sqlite takes nothing else; better-sqlite3 takes an array too, but reads each of its values back
 * through V8's API, where arguments come straight off the call: the analytics writer's 64-row insert of
 * 640 values costs about 15 % less a row so (1.46 → 1.23 µs, measured).
 */
export function parametersAsArguments(statement: ArgumentsStatement, reader: boolean): SqliteStatement {
  return {
    reader,
    all: (parameters) => statement.all(...parameters),
    run: (parameters) => statement.run(...parameters),
    iterate: (parameters) => statement.iterate(...parameters),
  };
}
