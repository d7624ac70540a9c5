import { describe, expect, it } from "vitest";
import { normalise } from "../../src/search/normalise.js";
import { frameSpans } from "../../src/search/question-frame.js";

const framesOf = (query: string) => {
  const normal = normalise(query);
  return frameSpans(normal).map(([start, end]) => [...normal].slice(start, end).join(""));
};

describe("frameSpans", () => {
  it("finds how the reader met a message, said after it", () => {
    expect(framesOf("権限がないと言われる")).toEqual(["と言われる"]);
    expect(framesOf("権限がないって出た")).toEqual(["って出た"]);
    expect(framesOf("アドレスが違うと表示されました。")).toEqual(["と表示されました。"]);
    expect(framesOf("統合されてないとでる")).toEqual(["とでる"]);
  });

  it("finds the kind of answer wanted, anywhere in the query", () => {
    expect(framesOf("パスワード変更の方法")).toEqual(["方法"]);
    expect(framesOf("確認コードが届かない原因と対処法")).toEqual(["原因", "対処法"]);
    expect(framesOf("統合のやり方 どうすればいい")).toEqual(["やり方", "どうすればいい"]);
  });

  it("leaves a query without one, a report frame in the middle, and a frame that is the whole query", () => {
    expect(framesOf("権限がない")).toEqual([]);
    expect(framesOf("と言われたのでパスワード変更")).toEqual([]);
    expect(framesOf("と出る")).toEqual([]);
    expect(framesOf("方法")).toEqual([]);
    expect(framesOf("原因 理由")).toEqual([]);
  });
});
