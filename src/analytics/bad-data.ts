/**
 * A database's own error code, where it gives one: PostgreSQL's SQLSTATE (pg's `code`), SQLite's result
 * name (better-sqlite3's and node:sqlite's `code`).
 */
export function databaseErrorCode(error: unknown): string | undefined {
  const code = typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === "string" ? code : undefined;
}

/**
 * Whether a write was refused for what it held rather than for the database's state: PostgreSQL's class 22,
 * "data exception" (a NUL or a byte sequence that is not UTF-8 in text, a value too long). Read-only, full,
 * locked or unreachable databases answer otherwise, and their batches wait rather than being dropped.
 */
export function isBadData(error: unknown): boolean {
  return databaseErrorCode(error)?.startsWith("22") === true;
}
