import { describe, expect, it } from "vitest";
import { parseContactRequest } from "../../../src/web/contact/contact-request.js";
import { bundledSite } from "../../helpers/app.js";

const { content } = await bundledSite();
const parse = (query: Record<string, unknown>, strict: boolean) => parseContactRequest(query, content, strict);

describe("parseContactRequest", () => {
  it("reads the answer, the error code (any case) and the search a reader came from", () => {
    expect(parse({ question: "ae04", code: "ae04", q: "  AE04 出る " }, true)).toEqual({
      ok: true,
      from: { question: "ae04", code: "AE04", q: "AE04 出る" },
    });
    expect(parse({}, true)).toEqual({ ok: true, from: {} });
  });

  it("for the counted link, refuses a question or code that does not exist, and a parameter given twice", () => {
    expect(parse({ question: "no-such-answer" }, true).ok).toBe(false);
    expect(parse({ code: "AE07" }, true).ok).toBe(false);
    expect(parse({ question: ["ae01", "ae02"] }, true).ok).toBe(false);
    expect(parse({ q: ["a", "b"] }, false).ok).toBe(false);
  });

  it("for the page, leaves out what does not exist rather than echo it", () => {
    expect(parse({ question: "<script>", code: "XX99", q: "パスワード" }, false)).toEqual({
      ok: true,
      from: { q: "パスワード" },
    });
  });

  it("cuts a long search at 200 characters and drops a lone surrogate, which no link can carry", () => {
    const parsed = parse({ q: `${"あ".repeat(250)}` }, true);
    expect(parsed.ok && [...(parsed.from.q ?? "")].length).toBe(200);
    expect(parse({ q: "AE04\uD800" }, true)).toEqual({ ok: true, from: { q: "AE04" } });
  });
});
