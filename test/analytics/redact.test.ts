import { describe, expect, it } from "vitest";
import { MAX_STORED_QUERY, redact, storable, storedQuery } from "../../src/analytics/redact.js";

describe("redact", () => {
  it.each([
    ["taro.yamada@example.co.jp に届かない", "[メール] に届かない"],
    ["ｔａｒｏ＠ｅｘａｍｐｌｅ．ｃｏｍ", "[メール]"],
    ["電話 03-1234-5678 まで", "電話 [電話番号] まで"],
    ["090 1234 5678", "[電話番号]"],
    ["+81-90-1234-5678", "[電話番号]"],
    ["会員番号 12345678 です", "会員番号 [数字] です"],
    ["１２３４５６", "[数字]"],
    // The separators Japanese readers type between the groups, and the forms the code's own comment names.
    ["03ー1234ー5678", "[電話番号]"],
    ["03ｰ1234ｰ5678", "[電話番号]"],
    ["03−1234−5678", "[電話番号]"],
    ["03‐1234‐5678", "[電話番号]"],
    ["03–1234–5678", "[電話番号]"],
    ["03.1234.5678", "[電話番号]"],
    ["(03)1234-5678 に", "[電話番号] に"],
    ["（０３）１２３４－５６７８", "[電話番号]"],
    ["090・1234・5678", "[電話番号]"],
    ["taro。yamada@example。co。jp", "[メール]"],
    ["taro ＠ example.com に送った", "[メール] に送った"],
    ["taro@example 。 com", "[メール]"],
    ["〒100-0005 東京都千代田区丸の内1-1-1 です", "[住所] です"],
    ["〒１００－０００５", "[住所]"],
    // A number written after an error code is the whole number, not the code's digits and the number's first group.
    ["AE04 090-1234-5678", "AE04 [電話番号]"],
    ["電話090-1234-5678", "電話[電話番号]"],
  ])("%s → %s", (input, output) => {
    expect(redact(input)).toBe(output);
  });

  it.each([
    "AE01",
    "エラーコード AE03 が出る",
    "IE11 で表示されない",
    "2026-12-01 から",
    "2026.12.01 から",
    "12345",
    "バージョン 11.0.1",
    "パスワードのリセット",
    "ログイン ー できない",
  ])("leaves %s as it is", (input) => {
    expect(redact(input)).toBe(input);
  });
});

describe("storedQuery", () => {
  it("folds width, collapses spaces, lowers Latin and redacts", () => {
    expect(storedQuery("  ＡＥ０１　 パスワード  me@example.com ")).toBe("ae01 パスワード [メール]");
  });
});

describe("storable text", () => {
  it("drops NUL and lone surrogates, which PostgreSQL would refuse, and keeps pairs", () => {
    expect(storable("パス\u0000ワード")).toBe("パスワード");
    expect(storable("a\uD800b\uDC00c")).toBe("abc");
    expect(storable("絵文字😀")).toBe("絵文字😀");
    expect(storedQuery("ae01\u0000\uDFFF")).toBe("ae01");
    expect(redact("コメント\u0000\uD83D")).toBe("コメント");
  });

  it("caps a query after normalising it", () => {
    expect([...storedQuery("ア".repeat(500))].length).toBe(MAX_STORED_QUERY);
  });
});
