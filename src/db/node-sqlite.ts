import type { SqliteDatabase } from "kysely";
import { parametersAsArguments, type ArgumentsStatement } from "./parameters-as-arguments.js";

/** The part of node:sqlite (Node 22.13+, 24) this adapter uses; @types/node 20 does not describe it. */
interface StatementSync extends ArgumentsStatement {
  columns?: () => unknown[];
}
interface DatabaseSync {
  prepare(sql: string): StatementSync;
  exec(sql: string): void;
  close(): void;
}
type NodeSqlite = { DatabaseSync: new (file: string) => DatabaseSync };

/** node:sqlite when this Node has it without a flag, otherwise undefined (Node 20). */
export function builtInSqlite(): NodeSqlite | undefined {
  try {
    const module = process.getBuiltinModule?.("node:sqlite") as NodeSqlite | undefined;
    return module?.DatabaseSync ? module : undefined;
  } catch {
    return undefined;
  }
}

const READS = /^\s*(select|with|pragma|values)\b|\breturning\b/i;

/**
 * node:sqlite's DatabaseSync in the shape Kysely's SqliteDialect expects of better-sqlite3: statements that
 * say whether they return rows, and parameters passed as one array.
 */
export function nodeSqliteDatabase(sqlite: NodeSqlite, file: string): SqliteDatabase & { exec(sql: string): void } {
  const db = new sqlite.DatabaseSync(file);
  return {
    exec: (sql) => db.exec(sql),
    close: () => db.close(),
    prepare(sql) {
      const statement = db.prepare(sql);
      return parametersAsArguments(
        statement,
        typeof statement.columns === "function" ? statement.columns().length > 0 : READS.test(sql),
      );
    },
  };
}
