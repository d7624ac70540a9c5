import { describe, expect, it } from "vitest";
import { findQuestionByCode } from "../../src/web/find-question-by-code.js";
import { bundledSite } from "../helpers/app.js";

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
    expect(findQuestionByCode(content)(input)?.id).toBe(id);
  });

  it.each(["", "AE", "A01", "AE123", "AE07", "パスワード", "AE01X", "xAE01"])("%s names no question", async (input) => {
    const { content } = await bundledSite();
    expect(findQuestionByCode(content)(input)).toBeUndefined();
  });
});
