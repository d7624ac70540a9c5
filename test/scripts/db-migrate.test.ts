import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runScript } from "../helpers/run-script.js";

const migrate = (databaseUrl: string) => runScript("scripts/db-migrate.ts", { DATABASE_URL: databaseUrl });

describe("npm run db:migrate", () => {
  it("creates the SQLite file and its schema, then says it is up to date", async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), "faq-migrate-")), "nested", "helpcenter.db");
    expect(await migrate(`sqlite:${file}`)).toMatchObject({
      code: 0,
      stdout: `SQLite ${file}: applied 001-feedback-and-searches, 002-operators-and-report-rollups, 003-shared-rate-limits, 004-one-index-on-search-days, 005-search-events-numbered-by-the-database, 006-answer-views-and-contacts, 007-notices-audit-log-and-alerts, 008-search-rewrites-and-suggestion-decisions\n`,
    });
    expect(await migrate(`sqlite:${file}`)).toMatchObject({ code: 0, stdout: `SQLite ${file}: already up to date\n` });
  }, 20_000);

  it("names an unreachable server in one line, without a stack or the password", async () => {
    const result = await migrate("postgres://faq:s3cret@127.0.0.1:1/faq");
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      "PostgreSQL postgres://faq:***@127.0.0.1:1/faq: connect ECONNREFUSED 127.0.0.1:1",
    );
  }, 20_000);

  it("refuses a DATABASE_URL it cannot read", async () => {
    const result = await migrate("mysql://db/faq");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("DATABASE_URL must be sqlite:<file>");
  }, 20_000);
});
