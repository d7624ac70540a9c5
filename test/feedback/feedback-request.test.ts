import { describe, expect, it } from "vitest";
import { parseFeedback } from "../../src/feedback/feedback-request.js";
import { REASONS } from "../../src/feedback/reasons.js";

const exists = (id: string) => id === "ae01";

describe("parseFeedback", () => {
  it("reads the JSON API's booleans and the form's yes/no alike", () => {
    expect(parseFeedback({ question: "ae01", helpful: true }, "json", exists)).toEqual({
      ok: true,
      value: { question: "ae01", helpful: true, reason: null, comment: null },
    });
    expect(
      parseFeedback(
        { question: "ae01", helpful: "no", reason: "unclear", comment: "  分かりにくい  " },
        "form",
        exists,
      ),
    ).toEqual({
      ok: true,
      value: { question: "ae01", helpful: false, reason: "unclear", comment: "分かりにくい" },
    });
  });

  it("treats an empty reason and comment from a form as not given", () => {
    expect(parseFeedback({ question: "ae01", helpful: "no", reason: "", comment: "   " }, "form", exists)).toEqual({
      ok: true,
      value: { question: "ae01", helpful: false, reason: null, comment: null },
    });
  });

  it("offers exactly the four reasons", () => {
    expect(REASONS.map((r) => r.label)).toEqual([
      "手順どおりにしても解決しない",
      "説明がわかりにくい",
      "知りたい内容が載っていない",
      "その他",
    ]);
  });

  it("accepts a comment of exactly 1,000 characters, counted as characters, not bytes", () => {
    expect(parseFeedback({ question: "ae01", helpful: false, comment: "あ".repeat(1000) }, "json", exists).ok).toBe(
      true,
    );
    expect(parseFeedback({ question: "ae01", helpful: false, comment: "😀".repeat(1000) }, "json", exists).ok).toBe(
      true,
    );
  });

  it.each([
    [{ question: "nope", helpful: true }, "json", 'There is no question "nope"', "そのご質問は見つかりませんでした。"],
    [{ helpful: true }, "json", "question is required", "どのご質問への評価か分かりませんでした。"],
    [{ question: "ae01" }, "json", "helpful must be true or false", "「はい」か「いいえ」をお選びください。"],
    [
      { question: "ae01", helpful: "yes" },
      "json",
      "helpful must be true or false",
      "「はい」か「いいえ」をお選びください。",
    ],
    [
      { question: "ae01", helpful: "maybe" },
      "form",
      "helpful must be yes or no",
      "「はい」か「いいえ」をお選びください。",
    ],
    [
      { question: "ae01", helpful: false, reason: "boring" },
      "json",
      "reason must be one of",
      "理由は一覧からお選びください。",
    ],
    [
      { question: "ae01", helpful: true, reason: "unclear" },
      "json",
      "reason is only for",
      "理由は「いいえ」の場合にお選びください。",
    ],
    [
      { question: "ae01", helpful: false, comment: "あ".repeat(1001) },
      "json",
      "at most 1000 characters",
      "ご意見は 1,000 文字以内で入力してください。",
    ],
    [
      { question: "ae01", helpful: false, comment: 5 },
      "json",
      "comment must be text",
      "ご意見は文字で入力してください。",
    ],
    [[1, 2], "json", "must be an object", "送信内容を読み取れませんでした。"],
  ] as const)("refuses %j (%s)", (body, format, error, message) => {
    const parsed = parseFeedback(body, format, exists);
    expect(parsed).toEqual({ ok: false, error: expect.stringContaining(error), message });
  });
});
