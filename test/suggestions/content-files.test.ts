import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { projectRoot } from "../../src/paths.js";
import { contentReader, repositoryPath, writeChanges } from "../../src/suggestions/content-files.js";
import { makeContentDir, removeContentDirs } from "../helpers/content-dir.js";

afterAll(removeContentDirs);

describe("content files", () => {
  it("reads a file's text, and undefined for one that does not exist", async () => {
    const dir = await makeContentDir({ "synonyms.md": "---\nsynonyms: []\n---\n" });
    const read = contentReader(dir);
    expect(read("synonyms.md")).toBe("---\nsynonyms: []\n---\n");
    expect(read("questions/none.md")).toBeUndefined();
  });

  it("names a file by its path in the repository, or under content/ when the folder is elsewhere", async () => {
    expect(repositoryPath(path.join(projectRoot, "content"))("questions/ae03.md")).toBe("content/questions/ae03.md");
    expect(repositoryPath("/srv/faq-content")("synonyms.md")).toBe("content/synonyms.md");
  });

  it("writes the afters, puts the befores back (removing a file that was new), and leaves no temporary file", async () => {
    const dir = await makeContentDir({ "a.md": "old\n" });
    const changes = [
      { file: "a.md", before: "old\n", after: "new\n" },
      { file: "b.md", before: undefined, after: "made\n" },
    ];
    writeChanges(dir, changes, "after");
    expect(await readFile(path.join(dir, "a.md"), "utf8")).toBe("new\n");
    expect(await readFile(path.join(dir, "b.md"), "utf8")).toBe("made\n");
    writeChanges(dir, changes, "before");
    expect(await readdir(dir)).toEqual(["a.md"]);
    expect(await readFile(path.join(dir, "a.md"), "utf8")).toBe("old\n");
  });
});
