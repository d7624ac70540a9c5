import { describe, expect, it } from "vitest";
import { canonicalErrorCode } from "../../src/web/find-question-by-code.js";

describe("canonicalErrorCode", () => {
  it.each([
    ["AE01", "AE01"],
    ["ae01", "AE01"],
    ["ae1", "AE01"],
    ["AE-3", "AE03"],
    ["ae 06", "AE06"],
    ["ＡＥ０１", "AE01"],
    ["ＡＥ－０６", "AE06"],
  ])("%s → %s", (input, code) => {
    expect(canonicalErrorCode(input)).toBe(code);
  });

  it.each(["", "AE", "A01", "AE123", "パスワード", "AE01X"])("%s is not a code", (input) => {
    expect(canonicalErrorCode(input)).toBeUndefined();
  });
});
