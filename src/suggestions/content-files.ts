import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { projectRoot } from "../paths.js";
import type { FileChange } from "./suggestion-patch.js";

/** A content file's text now, or undefined when there is none. */
export function contentReader(contentDir: string): (file: string) => string | undefined {
  return (file) => {
    try {
      return readFileSync(path.join(contentDir, file), "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
  };
}

/** A content file's path in the repository, as `git apply` run at its root expects. */
export function repositoryPath(contentDir: string): (file: string) => string {
  return (file) => {
    const relative = path.relative(projectRoot, path.join(contentDir, file));
    return relative.startsWith("..") || path.isAbsolute(relative)
      ? `content/${file}`
      : relative.split(path.sep).join("/");
  };
}

/**
 * Writes each file's `before` or `after` whole or not at all (a temporary file renamed over it), so a reader
 * never sees half; a file with no `before` is removed when writing the befores.
 */
export function writeChanges(contentDir: string, changes: readonly FileChange[], pick: "before" | "after"): void {
  for (const change of changes) {
    const target = path.join(contentDir, change.file);
    const text = change[pick];
    if (text === undefined) {
      rmSync(target, { force: true });
      continue;
    }
    const temporary = `${target}.${process.pid}.tmp`;
    writeFileSync(temporary, text, "utf8");
    renameSync(temporary, target);
  }
}
