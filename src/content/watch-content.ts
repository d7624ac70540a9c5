import { watch } from "node:fs";
import { ContentError } from "./content-error.js";
import { loadContent } from "./load-content.js";
import type { Content } from "./types.js";

export interface ContentWatcher {
  close(): void;
}

/**
 * Reloads the content folder whenever a file in it changes (Node's own recursive fs.watch, debounced, since
 * an editor's save is several events). Good content goes to `onContent`; bad content goes to `onError` and
 * nothing else happens, so whatever was serving keeps serving.
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
  const watcher = watch(dir, { recursive: true }, () => {
    clearTimeout(timer);
    timer = setTimeout(reload, debounceMs);
  });
  return {
    close() {
      clearTimeout(timer);
      watcher.close();
    },
  };
}

export function describeReloadError(error: unknown): string {
  return error instanceof ContentError ? error.message : String(error);
}
