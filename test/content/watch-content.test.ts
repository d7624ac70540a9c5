import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { watchContent } from "../../src/content/watch-content.js";
import type { Content } from "../../src/content/types.js";
import { copyContentWith, question, removeContentDirs } from "../helpers/content-dir.js";

afterAll(removeContentDirs);

function nextEvent<T>(register: (resolve: (value: T) => void) => void, ms = 3000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("no reload within the time limit")), ms);
    register((value) => {
      clearTimeout(timer);
      resolve(value);
    });
  });
}

describe("watchContent", () => {
  it("reloads a good edit, and reports a bad one without reloading", async () => {
    const dir = await copyContentWith({});
    let onContent: (content: Content) => void = () => undefined;
    let onError: (error: unknown) => void = () => undefined;
    const watcher = watchContent(dir, (c) => onContent(c), (e) => onError(e), 50);
    try {
      const reloaded = nextEvent<Content>((resolve) => (onContent = resolve));
      await writeFile(path.join(dir, "questions/new-one.md"), question({ id: "new-one", category: "hp-account", order: "11", title: "新しい質問ですか？" }));
      const content = await reloaded;
      expect(content.questionById.get("new-one")?.title).toBe("新しい質問ですか？");

      const failed = nextEvent<unknown>((resolve) => (onError = resolve));
      let reloadedAgain = false;
      onContent = () => (reloadedAgain = true);
      await writeFile(path.join(dir, "questions/new-one.md"), "---\nid: new-one\ntitle: [broken\n---\n");
      expect(String((await failed) as Error)).toContain("questions/new-one.md");
      expect(reloadedAgain).toBe(false);
    } finally {
      watcher.close();
    }
  });
});
