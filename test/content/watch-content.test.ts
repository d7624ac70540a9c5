import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
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
    const watcher = watchContent(
      dir,
      (c) => onContent(c),
      (e) => onError(e),
      50,
    );
    try {
      const reloaded = nextEvent<Content>((resolve) => (onContent = resolve));
      await writeFile(
        path.join(dir, "questions/new-one.md"),
        question({ id: "new-one", category: "hp-account", order: "11", title: "新しい質問ですか？" }),
      );
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

  it("after a save made by renaming a temporary file over the original (as sed -i does), follows every later save", async () => {
    const dir = await copyContentWith({});
    const titles: string[] = [];
    let onContent: (content: Content) => void = () => undefined;
    const watcher = watchContent(
      dir,
      (c) => onContent(c),
      () => undefined,
      50,
    );
    const file = path.join(dir, "questions/forgot-password.md");
    const original = await readFile(file, "utf8");
    try {
      for (const [title, how] of [
        ["一回目の保存", "rename"],
        ["二回目の保存", "in place"],
        ["三回目の保存", "rename"],
        ["四回目の保存", "in place"],
      ] as const) {
        const reloaded = nextEvent<Content>((resolve) => (onContent = resolve));
        const text = original.replace(/^title: .*$/m, `title: ${title}`);
        if (how === "in place") await writeFile(file, text);
        else {
          const temporary = path.join(dir, "questions", `.forgot-password.md.${titles.length}.tmp`);
          await writeFile(temporary, text);
          await rename(temporary, file);
        }
        titles.push((await reloaded).questionById.get("forgot-password")?.title ?? "");
      }
      expect(titles).toEqual(["一回目の保存", "二回目の保存", "三回目の保存", "四回目の保存"]);
    } finally {
      watcher.close();
    }
  });

  it("watches a folder made after it started", async () => {
    const dir = await copyContentWith({});
    let onContent: (content: Content) => void = () => undefined;
    const watcher = watchContent(
      dir,
      (c) => onContent(c),
      () => undefined,
      50,
    );
    try {
      const first = nextEvent<Content>((resolve) => (onContent = resolve));
      await mkdir(path.join(dir, "questions/more"));
      await first;
      const second = nextEvent<Content>((resolve) => (onContent = resolve));
      await writeFile(path.join(dir, "questions/more/notes.txt"), "a file the loader ignores");
      await second;
    } finally {
      watcher.close();
    }
  });
});
