import { describe, expect, it } from "vitest";
import { buildSearchIndex, deserialiseIndex, search, serialiseIndex } from "../../src/search/index.js";
import { documentsFromContent } from "../../src/web/search/documents-from-content.js";
import { bundledSite } from "../helpers/app.js";

describe("serialiseIndex / deserialiseIndex", () => {
  it("gives the browser an index that ranks exactly as the server's does, scores included", async () => {
    const { content } = await bundledSite();
    const index = buildSearchIndex(documentsFromContent(content), { synonyms: content.synonyms });
    const copy = deserialiseIndex(JSON.parse(JSON.stringify(serialiseIndex(index))));
    for (const query of [
      "パスワード 忘れた",
      "ae03",
      "メアド 変更",
      "jpn_advantageplus_account",
      "ログインできない",
      "届かない",
      "天気予報",
    ]) {
      expect(search(copy, query, { limit: 50 })).toEqual(search(index, query, { limit: 50 }));
    }
    expect(search(copy, "constructor").total).toBe(0);
  });

  it("writes scores as short decimals, not float32 noise", async () => {
    const { content } = await bundledSite();
    const { parts } = serialiseIndex(buildSearchIndex(documentsFromContent(content)));
    expect(parts.length).toBeGreaterThan(100);
    expect(parts.every((part) => Number.isFinite(part) && part > 0 && String(part).length <= 6)).toBe(true);
  });
});
