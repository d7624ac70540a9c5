import path from "node:path";

/** Where the store lives: a SQLite file (the default, nothing to install) or a PostgreSQL server. */
export type DatabaseLocation = { kind: "sqlite"; file: string } | { kind: "postgres"; url: string };

export const DEFAULT_DATABASE_URL = "sqlite:data/helpcenter.db";

export class DatabaseUrlError extends Error {
  override name = "DatabaseUrlError";
}

/**
 * Reads DATABASE_URL: `sqlite:<file>` (relative to `baseDir`), `sqlite::memory:`, or `postgres://…` /
 * `postgresql://…`. Anything else is refused with the forms that work.
 */
export function parseDatabaseUrl(raw: string, baseDir: string): DatabaseLocation {
  const value = raw.trim();
  if (/^postgres(ql)?:\/\//i.test(value)) {
    try {
      new URL(value);
    } catch {
      throw new DatabaseUrlError(
        `DATABASE_URL is not a valid PostgreSQL URL: write it as postgres://user:password@host:5432/database.`,
      );
    }
    return { kind: "postgres", url: value };
  }
  const sqlite = /^sqlite:(?:\/\/)?(.+)$/i.exec(value);
  if (sqlite?.[1]) {
    const file = sqlite[1];
    return { kind: "sqlite", file: file === ":memory:" ? file : path.resolve(baseDir, file) };
  }
  throw new DatabaseUrlError(
    `DATABASE_URL must be sqlite:<file> (for example ${DEFAULT_DATABASE_URL}) or postgres://user:password@host/database, not "${value}".`,
  );
}

/** The location without a password, for logs and messages. */
export function describeLocation(location: DatabaseLocation): string {
  if (location.kind === "sqlite") return `SQLite ${location.file}`;
  const url = new URL(location.url);
  if (url.password) url.password = "***";
  return `PostgreSQL ${url.href}`;
}
