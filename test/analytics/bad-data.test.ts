import { describe, expect, it } from "vitest";
import { databaseErrorCode, isBadData } from "../../src/analytics/bad-data.js";

describe("isBadData", () => {
  it("is PostgreSQL's class 22 (data exception) only", () => {
    expect(
      isBadData(Object.assign(new Error("invalid byte sequence for encoding UTF8: 0x00"), { code: "22021" })),
    ).toBe(true);
    expect(isBadData(Object.assign(new Error("unsupported Unicode escape sequence"), { code: "22P05" }))).toBe(true);
    for (const code of ["SQLITE_READONLY", "SQLITE_FULL", "SQLITE_BUSY", "25006", "57P01", "ECONNREFUSED"])
      expect(isBadData(Object.assign(new Error(code), { code }))).toBe(false);
    expect(isBadData(new Error("no code"))).toBe(false);
    expect(isBadData("a string")).toBe(false);
  });

  it("reads a code from anything that carries one", () => {
    expect(databaseErrorCode({ code: "22021" })).toBe("22021");
    expect(databaseErrorCode({ code: 5 })).toBeUndefined();
    expect(databaseErrorCode(null)).toBeUndefined();
  });
});
