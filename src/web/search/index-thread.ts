import { buildSearchIndex, type SearchDocument, type SearchIndex } from "../../search/index.js";
import type { Worker } from "node:worker_threads";
import { startWorker } from "../../ops/start-worker.js";

export interface IndexJob {
  docs: readonly SearchDocument[];
  synonyms: string[][];
}

/**
 * Builds the index on a thread of its own, so a server can listen and serve pages while a large corpus is
 * indexed (10,000 entries: about a second). The index comes back by structured clone, its postings
 * transferred rather than copied. Should the thread fail, the index is built here instead: search is slower
 * to arrive, never missing. It rejects only if building it here fails too.
 */
export function buildSearchIndexOffThread(
  job: IndexJob,
  onFallback: (cause: unknown) => void = () => undefined,
): Promise<SearchIndex> {
  return new Promise<SearchIndex>((resolve, reject) => {
    let settled = false;
    const inline = (cause: unknown) => {
      if (settled) return;
      settled = true;
      onFallback(cause);
      // Runs in a thread event's listener: a throw here would end the process, so it rejects instead.
      try {
        resolve(buildSearchIndex(job.docs, { synonyms: job.synonyms }));
      } catch (error) {
        reject(new Error("the search index could not be built", { cause: error }));
      }
    };
    let worker: Worker;
    try {
      worker = startWorker(import.meta.url, "index-worker", job);
    } catch (error) {
      return inline(error);
    }
    worker.once("message", (index: SearchIndex) => {
      settled = true;
      resolve(index);
      void worker.terminate();
    });
    worker.once("error", inline);
    worker.once("exit", (code) => inline(new Error(`the index thread exited with code ${code} before it answered`)));
  });
}
