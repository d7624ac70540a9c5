import { describe, expect, it } from "vitest";
import { firstSentence } from "../../src/content/first-sentence.js";

describe("firstSentence", () => {
  it("gives the answer up to and with its first 。, whitespace folded", () => {
    expect(firstSentence("原因です。\n次の文。")).toBe("原因です。");
    expect(firstSentence("  HP アカウントの\n Email アドレスが異なっています。続き")).toBe(
      "HP アカウントの Email アドレスが異なっています。",
    );
  });

  it("gives all of an answer without a 。", () => {
    expect(firstSentence("句点のない一文")).toBe("句点のない一文");
    expect(firstSentence("")).toBe("");
  });
});
