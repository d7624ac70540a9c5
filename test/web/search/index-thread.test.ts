import { describe, expect, it } from "vitest";
import { buildSearchIndex, search } from "../../../src/search/index.js";
import { buildSearchIndexOffThread } from "../../../src/web/search/index-thread.js";
import { serialiseIndex } from "../../../src/search/serialise-index.js";
import { documentsFromContent } from "../../../src/web/search/documents-from-content.js";
import { bundledSite } from "../../helpers/app.js";

describe("buildSearchIndexOffThread", () => {
  it("hands back the index this thread would build, and it searches", async () => {
    const { content } = await bundledSite();
    const job = { docs: documentsFromContent(content), synonyms: content.synonyms };
    const fallbacks: unknown[] = [];
    const index = await buildSearchIndexOffThread(job, (cause) => fallbacks.push(cause));
    expect(fallbacks).toEqual([]);
    const here = buildSearchIndex(job.docs, { synonyms: job.synonyms });
    expect(serialiseIndex(index)).toEqual(serialiseIndex(here));
    expect(search(index, "パスワード 忘れた").results).toEqual(search(here, "パスワード 忘れた").results);
  });

  it("builds the index here, and says why, when the thread cannot be given the job", async () => {
    const { content } = await bundledSite();
    // A function cannot be copied to another thread.
    const docs = documentsFromContent(content).map((doc) => Object.assign({ ...doc }, { render: () => doc.title }));
    const fallbacks: unknown[] = [];
    const index = await buildSearchIndexOffThread({ docs, synonyms: content.synonyms }, (cause) =>
      fallbacks.push(cause),
    );
    expect(fallbacks).toHaveLength(1);
    expect(String(fallbacks[0])).toMatch(/clone/i);
    expect(search(index, "AE03").results[0]?.id).toBe("ae03");
  });

  it("rejects, rather than throwing in a thread's listener, when the index cannot be built here either", async () => {
    const { content } = await bundledSite();
    const docs = documentsFromContent(content).map((doc) => ({ ...doc, title: 42 as unknown as string }));
    const fallbacks: unknown[] = [];
    const outcome = await buildSearchIndexOffThread({ docs, synonyms: content.synonyms }, (cause) =>
      fallbacks.push(cause),
    ).then(
      () => "built",
      (error: unknown) => String(error),
    );
    expect(fallbacks).toHaveLength(1);
    expect(outcome).toBe("Error: the search index could not be built");
  });
});
