import { describe, expect, it } from "vitest";
import { BOM, csvCell, toCsv } from "../../src/admin/csv.js";

describe("csv", () => {
  it("starts with a BOM and the header row, ends lines with CRLF", () => {
    expect(toCsv(["query", "searches"], [["パスワード", 3]])).toBe(`${BOM}query,searches\r\nパスワード,3\r\n`);
  });

  it.each([
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["line\nbreak", '"line\nbreak"'],
    ['=HYPERLINK("x")', '"\'=HYPERLINK(""x"")"'],
    ["+81 90", "'+81 90"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tcmd", "'\tcmd"],
    ["plain", "plain"],
  ])("escapes %j as %s", (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it("leaves numbers, including negative ones, as numbers and empty values empty", () => {
    expect(csvCell(-1)).toBe("-1");
    expect(csvCell(0.5)).toBe("0.5");
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
  });
});
