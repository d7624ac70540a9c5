import { describe, expect, it } from "vitest";
import type { Notice, NoticeScope } from "../../src/notices/notice.js";
import { homeLines, reaches } from "../../src/notices/notice-reach.js";
import { bundledSite } from "../helpers/app.js";

const { content } = await bundledSite();
const question = (id: string) => {
  const found = content.questionById.get(id);
  if (!found) throw new Error(id);
  return found;
};
const notice = (...scopes: NoticeScope[]): Notice => ({
  id: "n",
  title: "t",
  body: "",
  kind: "outage",
  scopes,
  startsAt: 0,
  endsAt: 1,
  source: "dashboard",
});
const accessErrors = content.questions.filter((q) => q.category === "access-errors");

describe("reaches", () => {
  it("puts a code's notice on its answer, that answer's category and a results page that matched the code", () => {
    const ae04 = notice({ kind: "code", code: "AE04" });
    expect(reaches(ae04, { kind: "question", question: question("ae04") })).toBe(true);
    expect(reaches(ae04, { kind: "question", question: question("ae03") })).toBe(false);
    expect(reaches(ae04, { kind: "category", id: "access-errors", questions: accessErrors })).toBe(true);
    expect(reaches(ae04, { kind: "category", id: "hp-account", questions: [question("forgot-password")] })).toBe(false);
    expect(reaches(ae04, { kind: "results", top: question("ae04"), code: "AE04" })).toBe(true);
    expect(reaches(ae04, { kind: "results", top: question("forgot-password"), code: undefined })).toBe(false);
    expect(reaches(ae04, { kind: "home" })).toBe(false);
  });

  it("puts a site notice everywhere, and a category's on its answers", () => {
    const site = notice({ kind: "site" });
    for (const target of [{ kind: "home" as const }, { kind: "question" as const, question: question("ae01") }])
      expect(reaches(site, target)).toBe(true);
    const category = notice({ kind: "category", id: "access-errors" });
    expect(reaches(category, { kind: "question", question: question("ae01") })).toBe(true);
    expect(reaches(category, { kind: "question", question: question("forgot-password") })).toBe(false);
  });
});

describe("homeLines", () => {
  it("lists one line per error-code notice not already shown in full on the home page", () => {
    const code = notice({ kind: "code", code: "AE04" });
    const both = notice({ kind: "site" }, { kind: "code", code: "AE02" });
    expect(homeLines([code, both, notice({ kind: "question", id: "ae01" })])).toEqual([{ notice: code, code: "AE04" }]);
  });
});
