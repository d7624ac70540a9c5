import { describe, expect, it } from "vitest";
import { likelyAnswers } from "../../../src/web/contact/likely-answers.js";
import { bundledSite } from "../../helpers/app.js";

const { content } = await bundledSite();
const ids = (...args: Parameters<typeof likelyAnswers>) => likelyAnswers(...args).map((question) => question.id);

describe("likelyAnswers", () => {
  it("puts the error code's answer first, then the search's results, three at most", () => {
    expect(ids(content, { code: "AE02" }, ["cannot-log-in", "forgot-password", "account-locked"])).toEqual([
      "ae02",
      "cannot-log-in",
      "forgot-password",
    ]);
  });

  it("leaves out the answer the reader came from, and any answer twice", () => {
    expect(ids(content, { question: "ae02", code: "AE02" }, ["ae02", "cannot-log-in", "cannot-log-in"])).toEqual(
      [
        "cannot-log-in",
        ...(content.questionById.get("ae02")?.related ?? []).filter((id) => id !== "cannot-log-in"),
      ].slice(0, 3),
    );
  });

  it("falls back on the answers related to the one the reader came from", () => {
    const related = content.questions.find((question) => question.related.length > 0);
    if (!related) throw new Error("the bundled FAQ has related answers");
    expect(ids(content, { question: related.id }, [])).toEqual(related.related.slice(0, 3));
  });

  it("ignores ids the content does not have", () => {
    expect(ids(content, {}, ["gone", "ae01"])).toEqual(["ae01"]);
  });
});
