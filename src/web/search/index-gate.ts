import type { SearchIndex } from "../../search/index.js";

/**
 * The search index, which a server may still be building on another thread when it starts to listen:
 * searches wait for it, pages do not.
 */
export interface IndexGate {
  /** The index; throws while it is being built (or if building it failed). */
  current(): SearchIndex;
  ready(): boolean;
  /** Runs `work` now if the index is there, else once it is (or has failed, when `work` then throws). */
  after<T>(work: () => T): T | Promise<T>;
}

export function indexGate(indexing: SearchIndex | Promise<SearchIndex>, onError: (error: unknown) => void): IndexGate {
  let index = indexing instanceof Promise ? undefined : indexing;
  const built =
    indexing instanceof Promise
      ? indexing.then(
          (made) => {
            index = made;
          },
          (error: unknown) => onError(error),
        )
      : undefined;
  const current = () => {
    if (!index) throw new Error("the search index is still being built");
    return index;
  };
  return {
    current,
    ready: () => index !== undefined,
    after: (work) => (index !== undefined || built === undefined ? work() : built.then(work)),
  };
}
