import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { DatabaseLocation } from "../../src/db/database-url.js";
import { SuggestionStore } from "../../src/suggestions/suggestion-store.js";
import { copyContentWith, removeContentDirs } from "../helpers/content-dir.js";
import { testDatabases } from "../helpers/databases.js";
import { runScript } from "../helpers/run-script.js";

const engines = testDatabases();
afterAll(async () => {
  await removeContentDirs();
  for (const on of engines) await on.cleanup();
});

const urlOf = (location: DatabaseLocation) => (location.kind === "sqlite" ? `sqlite:${location.file}` : location.url);

describe.each(engines.map((on) => [on.name, on] as const))("npm run suggestions (%s)", (_name, on) => {
  it("prints the accepted suggestions, and with --apply writes them and runs the content check", async () => {
    const { db, location } = await on.migrated();
    await new SuggestionStore(db).decide(
      { kind: "synonym", id: "s1", words: ["ログオン", "ログイン"], readers: 3, examples: [] },
      "accepted",
      "support-lead",
      Date.now(),
    );
    await db.destroy();
    const dir = await copyContentWith({});
    const env = { DATABASE_URL: urlOf(location), CONTENT_DIR: dir };
    const shown = await runScript("scripts/suggestions.ts", env);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('synonyms "ログオン" = "ログイン"');
    expect(shown.stdout).toContain("+  - [サインイン, ログイン, ログオン]");
    const applied = await runScript("scripts/suggestions.ts", env, ["--apply"]);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain("Written: synonyms.md.");
    expect(applied.stdout).toContain("OK: 21 questions in 3 categories, 6 synonym groups");
    expect(await readFile(path.join(dir, "synonyms.md"), "utf8")).toContain("[サインイン, ログイン, ログオン]");
  });

  it("refuses an unknown option", async () => {
    const { location } = await on.migrated();
    const result = await runScript("scripts/suggestions.ts", { DATABASE_URL: urlOf(location) }, ["--force"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Usage: npm run suggestions [-- --apply]");
  });
});
