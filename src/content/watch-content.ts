import { readdirSync, watch, type FSWatcher } from "node:fs";
import path from "node:path";
import { ContentError } from "./content-error.js";
import { loadContent } from "./load-content.js";
import type { Content } from "./types.js";

export interface ContentWatcher {
  close(): void;
}

/**
 * Reloads the content folder whenever a file in it changes (debounced, since an editor's save is several
 * events). Good content goes to `onContent`; bad content goes to `onError` and nothing else happens, so
 * whatever was serving keeps serving.
 *
 * Each folder is watched, not each file: many editors (and `sed -i`) save by writing a temporary file and
 * renaming it over the original, and Node 20's recursive watch loses a file replaced that way. A folder's
 * watch sees every rename into it. Folders added later are picked up on the next event.
 */
export function watchContent(
  dir: string,
  onContent: (content: Content) => void,
  onError: (error: unknown) => void,
  debounceMs = 100,
): ContentWatcher {
  let timer: NodeJS.Timeout | undefined;
  let running = Promise.resolve();
  const reload = () => {
    // One reload at a time, in order: a slow load must not overwrite a newer one.
    running = running.then(async () => {
      try {
        onContent(await loadContent(dir));
      } catch (error) {
        onError(error);
      }
    });
  };
  const watchers = new Map<string, FSWatcher>();
  const changed = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      watchFolders();
      reload();
    }, debounceMs);
  };
  const watchFolders = () => {
    const folders = new Set(foldersUnder(dir));
    for (const [folder, watcher] of watchers) {
      if (folders.has(folder)) continue;
      watcher.close();
      watchers.delete(folder);
    }
    for (const folder of folders) {
      if (watchers.has(folder)) continue;
      try {
        const watcher = watch(folder, changed);
        // A folder deleted under the watch: forget it; the next event rescans.
        watcher.on("error", () => {
          watcher.close();
          watchers.delete(folder);
        });
        watchers.set(folder, watcher);
      } catch {
        // Gone between listing and watching: nothing to watch.
      }
    }
  };
  watchFolders();
  return {
    close() {
      clearTimeout(timer);
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}

/** The folder and every folder below it. */
function foldersUnder(root: string): string[] {
  const found = [root];
  for (let i = 0; i < found.length; i++) {
    const folder = found[i] ?? root;
    try {
      for (const entry of readdirSync(folder, { withFileTypes: true }))
        if (entry.isDirectory()) found.push(path.join(folder, entry.name));
    } catch {
      // Removed while listing: it has no folders to add.
    }
  }
  return found;
}

export function describeReloadError(error: unknown): string {
  return error instanceof ContentError ? error.message : String(error);
}
