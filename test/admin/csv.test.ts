import { describe, expect, it } from "vitest";
import { BOM, csvCell, csvPieces } from "../../src/admin/csv.js";

describe("csv", () => {
  it("starts with a BOM and the header row, ends lines with CRLF", () => {
    expect([...csvPieces(["query", "searches"], [["パスワード", 3]])].join("")).toBe(
      `${BOM}query,searches\r\nパスワード,3\r\n`,
    );
  });

  it("gives the file in pieces: the header, then a few rows at a time, each piece whole lines", () => {
    const rows = Array.from({ length: 5 }, (_, i) => [`q${i}`, i]);
    expect([...csvPieces(["query", "searches"], rows, 2)]).toEqual([
      `${BOM}query,searches\r\n`,
      "q0,0\r\nq1,1\r\n",
      "q2,2\r\nq3,3\r\n",
      "q4,4\r\n",
    ]);
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
