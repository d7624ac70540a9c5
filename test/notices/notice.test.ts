import { describe, expect, it } from "vitest";
import {
  bodySegments,
  checkNotice,
  formatJapanMinute,
  formatScopes,
  parseJapanMinute,
  parseScopes,
  readableJapanTime,
} from "../../src/notices/notice.js";
import { bundledSite } from "../helpers/app.js";

const { content } = await bundledSite();
const valid = {
  title: "AE04 が表示される件について",
  body: "登録情報の反映が遅れています。詳しくは https://example.jp/status をご覧ください。",
  kind: "outage",
  scope: "code:AE04, question:ae04",
  starts_at: "2026-12-06T09:00",
  ends_at: "2026-12-06T18:00",
};

describe("Japan time in forms and files", () => {
  it("reads YYYY-MM-DDTHH:MM as Japan time and writes it back", () => {
    const time = parseJapanMinute("2026-12-06T09:00");
    expect(time).toBe(Date.parse("2026-12-06T00:00:00Z"));
    expect(formatJapanMinute(time ?? 0)).toBe("2026-12-06T09:00");
    expect(readableJapanTime(time ?? 0)).toBe("2026年12月6日 09:00");
  });

  it("refuses what is not such a time, or a date that does not exist", () => {
    for (const text of ["2026-12-06", "2026-12-06 09:00", "2026-02-30T09:00", "2026-12-06T24:00", "tomorrow"])
      expect(parseJapanMinute(text), text).toBeUndefined();
  });
});

describe("parseScopes", () => {
  it("reads site, a category, answers and codes, separated by commas (also 、)", () => {
    const parsed = parseScopes("site, category:access-errors、question:ae04, code:ae04", content);
    expect(parsed).toEqual({
      ok: true,
      scopes: [
        { kind: "site" },
        { kind: "category", id: "access-errors" },
        { kind: "question", id: "ae04" },
        { kind: "code", code: "AE04" },
      ],
    });
    if (parsed.ok) expect(formatScopes(parsed.scopes)).toBe("site, category:access-errors, question:ae04, code:AE04");
  });

  it("refuses, by name, a category, answer or code that does not exist, and an empty scope", () => {
    expect(parseScopes("code:AE09", content)).toMatchObject({ ok: false, error: expect.stringContaining("code:AE09") });
    expect(parseScopes("question:nope", content)).toMatchObject({ ok: false, error: expect.stringContaining("nope") });
    expect(parseScopes("category:x", content).ok).toBe(false);
    expect(parseScopes("everywhere", content).ok).toBe(false);
    expect(parseScopes(" , ", content).ok).toBe(false);
  });
});

describe("checkNotice", () => {
  it("takes a notice within the limits", () => {
    const checked = checkNotice(valid, content);
    expect(checked.ok).toBe(true);
    if (checked.ok)
      expect(checked.fields).toMatchObject({
        title: valid.title,
        kind: "outage",
        startsAt: Date.parse("2026-12-06T00:00:00Z"),
        endsAt: Date.parse("2026-12-06T09:00:00Z"),
      });
  });

  it("says what is wrong by field: lengths, kind, scope, times, an end before the start or past 31 days", () => {
    const errors = (changes: Record<string, string>) => {
      const checked = checkNotice({ ...valid, ...changes }, content);
      return checked.ok ? {} : checked.errors;
    };
    expect(errors({ title: "あ".repeat(81) })).toHaveProperty("title");
    expect(errors({ title: "あ".repeat(80) })).toEqual({});
    expect(errors({ title: " " })).toHaveProperty("title");
    expect(errors({ body: "あ".repeat(501) })).toHaveProperty("body");
    expect(errors({ kind: "alert" })).toHaveProperty("kind");
    expect(errors({ scope: "code:AE07" })).toHaveProperty("scope");
    expect(errors({ starts_at: "" })).toHaveProperty("startsAt");
    expect(errors({ ends_at: "" })).toHaveProperty("endsAt");
    expect(errors({ ends_at: "2026-12-06T08:00" })).toHaveProperty("endsAt");
    expect(errors({ ends_at: "2027-01-07T09:01" })).toHaveProperty("endsAt");
    expect(errors({ ends_at: "2027-01-06T09:00" })).toEqual({});
  });
});

describe("bodySegments", () => {
  it("makes bare https: addresses links, keeps everything else text, and never an http: or javascript: link", () => {
    expect(bodySegments("詳しくは https://example.jp/status?x=1 をご覧ください。")).toEqual([
      { text: "詳しくは " },
      { text: "https://example.jp/status?x=1", href: "https://example.jp/status?x=1" },
      { text: " をご覧ください。" },
    ]);
    expect(bodySegments("<b>http://a.example</b> javascript:alert(1)")).toEqual([
      { text: "<b>http://a.example</b> javascript:alert(1)" },
    ]);
    expect(bodySegments("（https://example.jp/a）。")[1]).toEqual({
      text: "https://example.jp/a",
      href: "https://example.jp/a",
    });
  });
});
