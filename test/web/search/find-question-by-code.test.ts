import { describe, expect, it } from "vitest";
import { findQuestionByCode } from "../../../src/web/search/find-question-by-code.js";
import { bundledSite } from "../../helpers/app.js";

describe("findQuestionByCode", () => {
  it.each([
    ["AE01", "ae01"],
    ["ae01", "ae01"],
    ["ae1", "ae01"],
    ["AE-3", "ae03"],
    ["ae 06", "ae06"],
    ["ＡＥ０１", "ae01"],
    ["ＡＥ－０６", "ae06"],
  ])("%s → %s", async (input, id) => {
    const { content } = await bundledSite();
    expect(findQuestionByCode(content)(input).question?.id).toBe(id);
  });

  it.each(["", "AE", "A01", "AE123", "AE07", "パスワード", "AE01X", "xAE01"])("%s names no question", async (input) => {
    const { content } = await bundledSite();
    expect(findQuestionByCode(content)(input).question).toBeUndefined();
  });

  it.each([
    ["AE07", "AE07"],
    ["ae7", "AE07"],
    ["ＡＥ－９９", "AE99"],
  ])("an unknown code %s is given back only in canonical form, %s", async (input, shown) => {
    const { content } = await bundledSite();
    expect(findQuestionByCode(content)(input)).toEqual({ question: undefined, shownCode: shown });
  });

  it.each(["パスワード", "AE01X", "\u202eAE07", "a".repeat(8000), "<script>"])(
    "text that is not a code is never given back: %s",
    async (input) => {
      const { content } = await bundledSite();
      expect(findQuestionByCode(content)(input)).toEqual({ question: undefined, shownCode: undefined });
    },
  );
});
