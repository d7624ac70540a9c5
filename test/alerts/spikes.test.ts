import { describe, expect, it } from "vitest";
import { spikes, spikeText } from "../../src/alerts/spikes.js";

describe("spikes", () => {
  it("alerts at 3× the same hour's mean over 7 days and at least 20, most first", () => {
    expect(
      spikes([
        { code: "AE04", lastHour: 60, before: [5, 5, 5, 5, 5, 5, 5] }, // mean 5: 60 ≥ 15 and ≥ 20
        { code: "AE01", lastHour: 19, before: [0, 0, 0, 0, 0, 0, 0] }, // under the minimum
        { code: "AE02", lastHour: 40, before: [15, 15, 15, 15, 15, 15, 15] }, // 40 < 45
        { code: "AE03", lastHour: 45, before: [15, 15, 15, 15, 15, 15, 15] }, // exactly 3×
        { code: "AE05", lastHour: 20, before: [] }, // never seen before: the minimum decides
      ]),
    ).toEqual([
      { code: "AE04", lastHour: 60, baseline: 5 },
      { code: "AE03", lastHour: 45, baseline: 15 },
      { code: "AE05", lastHour: 20, baseline: 0 },
    ]);
  });

  it("takes a stricter or looser rule when the office sets one", () => {
    const hours = [{ code: "AE04", lastHour: 30, before: [7, 7, 7, 7, 7, 7, 7] }];
    expect(spikes(hours, { factor: 5, minimum: 20 })).toEqual([]);
    expect(spikes(hours, { factor: 2, minimum: 10 })).toHaveLength(1);
  });

  it("says the code, the counts and where to make the notice", () => {
    expect(spikeText({ code: "AE04", lastHour: 60, baseline: 5 }, "https://faq.example.jp")).toBe(
      "[HP Advantageplus FAQ] AE04 が急増しています: 直近 1 時間に 60 件の検索・アクセス（過去 7 日の同じ時間帯の平均 5.0 件）。お知らせを出す: https://faq.example.jp/admin/notices?code=AE04",
    );
  });
});
