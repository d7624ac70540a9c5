import path from "node:path";
import { describe, expect, it } from "vitest";
import { describeLocation, parseDatabaseUrl } from "../../src/db/database-url.js";

describe("parseDatabaseUrl", () => {
  it("reads a SQLite file relative to the project, or in memory", () => {
    expect(parseDatabaseUrl("sqlite:data/helpcenter.db", "/srv/app")).toEqual({
      kind: "sqlite",
      file: path.resolve("/srv/app", "data/helpcenter.db"),
    });
    expect(parseDatabaseUrl("sqlite:/var/lib/faq.db", "/srv/app")).toEqual({ kind: "sqlite", file: "/var/lib/faq.db" });
    expect(parseDatabaseUrl("sqlite::memory:", "/srv/app")).toEqual({ kind: "sqlite", file: ":memory:" });
  });

  it("reads PostgreSQL URLs in both spellings", () => {
    expect(parseDatabaseUrl("postgres://u:p@db/faq", "/")).toEqual({ kind: "postgres", url: "postgres://u:p@db/faq" });
    expect(parseDatabaseUrl("postgresql://u@db:5433/faq", "/").kind).toBe("postgres");
  });

  it.each(["mysql://db/faq", "data/helpcenter.db", "sqlite:", ""])("refuses %j with the forms that work", (raw) => {
    expect(() => parseDatabaseUrl(raw, "/")).toThrow("DATABASE_URL must be sqlite:<file>");
  });

  it("never shows the password", () => {
    expect(describeLocation({ kind: "postgres", url: "postgres://faq:s3cret@db:5432/faq" })).toBe(
      "PostgreSQL postgres://faq:***@db:5432/faq",
    );
  });
});
