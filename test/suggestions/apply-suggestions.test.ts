import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { applyAccepted } from "../../src/suggestions/apply-suggestions.js";
import type { Suggestion } from "../../src/suggestions/mine.js";
import { SuggestionStore } from "../../src/suggestions/suggestion-store.js";
import { CONTENT_DIR, copyContentWith, removeContentDirs } from "../helpers/content-dir.js";
import { testDatabases } from "../helpers/databases.js";

const engines = testDatabases();
afterAll(async () => {
  await removeContentDirs();
  for (const on of engines) await on.cleanup();
});

const keyword: Suggestion = {
  kind: "keyword",
  id: "k1",
  keyword: "二段階認証",
  question: "verification-code-invalid",
  readers: 3,
  queries: [],
  examples: [],
};
const FILE = "questions/verification-code-invalid.md";

async function accepted(...suggestions: Suggestion[]) {
  const { db } = await engines[0]!.migrated();
  const store = new SuggestionStore(db);
  for (const suggestion of suggestions) await store.decide(suggestion, "accepted", "support-lead", Date.now());
  return db;
}

describe("applyAccepted", () => {
  it("prints the accepted suggestions and their patch, and writes nothing without --apply", async () => {
    const db = await accepted(keyword);
    try {
      const dir = await copyContentWith({});
      const outcome = await applyAccepted(db, dir, false);
      expect(outcome.ok).toBe(true);
      expect(outcome.lines[0]).toBe("1 accepted suggestion:");
      expect(outcome.lines.join("\n")).toMatch(/\+keywords: \[.*二段階認証\]/);
      expect(await readFile(path.join(dir, FILE), "utf8")).toBe(await readFile(path.join(CONTENT_DIR, FILE), "utf8"));
    } finally {
      await db.destroy();
    }
  });

  it("with --apply, writes them into the content and checks it as npm run check does", async () => {
    const db = await accepted(keyword);
    try {
      const dir = await copyContentWith({});
      const outcome = await applyAccepted(db, dir, true);
      expect(outcome.ok).toBe(true);
      expect(outcome.lines).toContain(`Written: ${FILE}.`);
      expect(outcome.lines.some((line) => line.startsWith("OK: 21 questions"))).toBe(true);
      expect(await readFile(path.join(dir, FILE), "utf8")).toMatch(/^keywords: \[.*二段階認証\]$/m);
      // Applied twice, nothing changes.
      expect((await applyAccepted(db, dir, true)).lines).toContain("content/ has every one of them already.");
    } finally {
      await db.destroy();
    }
  });

  it("puts every file back when the check fails afterwards, and says so", async () => {
    const db = await accepted(keyword);
    try {
      const dir = await copyContentWith({ "search-checks.json": JSON.stringify([{ query: "xyzzy", answer: "ae01" }]) });
      const before = await readFile(path.join(dir, FILE), "utf8");
      const outcome = await applyAccepted(db, dir, true);
      expect(outcome.ok).toBe(false);
      expect(outcome.lines).toContain("The check failed: every file is back as it was.");
      expect(outcome.lines.join("\n")).toContain('"xyzzy" now finds nothing');
      expect(await readFile(path.join(dir, FILE), "utf8")).toBe(before);
    } finally {
      await db.destroy();
    }
  });
});
