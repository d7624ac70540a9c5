import { describe, expect, it } from "vitest";
import { normalise, normaliseWithOffsets } from "../../src/search/normalise.js";

describe("normalise", () => {
  it.each([
    ["ＡＥ０１", "ae01"],
    ["ﾊﾟｽﾜｰﾄﾞ", "ぱすわーど"],
    ["パスワード", "ぱすわーど"],
    ["ぱすわーど", "ぱすわーど"],
    ["ログイン", "ろぐいん"],
    ["ＡＥ－０６", "ae-06"],
    ["AE‐06", "ae-06"],
    ["Internet Explorer11", "internet explorer11"],
  ])("%s → %s", (input, expected) => {
    expect(normalise(input)).toBe(expected);
  });

  it("keeps each output character's offset in the input, to mark matches in the original", () => {
    const { text, offsets } = normaliseWithOffsets("HP アカウント");
    expect(text).toBe("hp あかうんと");
    expect(offsets.slice(0, 4)).toEqual([0, 1, 2, 3]);
    expect(offsets.at(-1)).toBe("HP アカウント".length);
  });
});
