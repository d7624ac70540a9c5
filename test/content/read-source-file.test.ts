import { describe, expect, it } from "vitest";
import { lineOfField, readSourceFile } from "../../src/content/read-source-file.js";

const bytes = (text: string) => new TextEncoder().encode(text);

describe("readSourceFile", () => {
  it("splits front-matter from the Markdown body", () => {
    const result = readSourceFile(bytes("---\nid: a\ntitle: 質問\n---\n\n回答"), "a.md");
    expect(result).toMatchObject({ ok: true, source: { data: { id: "a", title: "質問" }, body: "回答" } });
  });

  it("reads the same text with a BOM and CRLF line endings", () => {
    const plain = readSourceFile(bytes("---\nid: a\n---\n一\n二\n"), "a.md");
    const windows = readSourceFile(bytes("\uFEFF---\r\nid: a\r\n---\r\n一\r\n二\r\n"), "a.md");
    expect(windows).toEqual(plain);
  });

  it("points a YAML error at its line in the file", () => {
    const result = readSourceFile(bytes("---\nid: a\ntitle: 質問\norder: : 1\n---\n回答"), "a.md");
    expect(result).toMatchObject({ ok: false, problem: { file: "a.md", line: 4 } });
  });

  it("rejects front-matter that is a list rather than fields", () => {
    const result = readSourceFile(bytes("---\n- a\n- b\n---\n回答"), "a.md");
    expect(result).toMatchObject({
      ok: false,
      problem: { message: "front-matter is not a set of 'field: value' lines." },
    });
  });

  it("rejects unclosed front-matter", () => {
    expect(readSourceFile(bytes("---\nid: a\n回答"), "a.md")).toMatchObject({
      ok: false,
      problem: { message: "front-matter is never closed." },
    });
  });

  it("finds the line of a field", () => {
    const result = readSourceFile(bytes("---\nid: a\ntitle: 質問\n---\n"), "a.md");
    if (!result.ok) throw new Error("expected a valid file");
    expect(lineOfField(result.source, "title")).toBe(3);
    expect(lineOfField(result.source, "order")).toBeUndefined();
  });
});
