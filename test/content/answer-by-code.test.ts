import { describe, expect, it } from "vitest";
import { answerByCode } from "../../src/content/answer-by-code.js";
import { bundledSite } from "../helpers/app.js";

describe("answerByCode", () => {
  it("gives each error code its answer, once per content", async () => {
    const { content } = await bundledSite();
    const byCode = answerByCode(content);
    expect([...byCode].map(([code, question]) => [code, question.id])).toEqual(
      ["AE01", "AE02", "AE03", "AE04", "AE05", "AE06"].map((code) => [code, code.toLowerCase()]),
    );
    expect(answerByCode({ ...content })).toBe(byCode);
  });

  it("keeps the first answer in content order when two name one code", async () => {
    const { content } = await bundledSite();
    const [first, second] = content.questions;
    if (!first || !second) throw new Error("the bundled FAQ has answers");
    const questions = [
      { ...first, codes: ["AE09"] },
      { ...second, codes: ["AE09"] },
    ];
    expect(answerByCode({ questions }).get("AE09")?.id).toBe(first.id);
  });
});
