import { describe, expect, it } from "vitest";
import { dailyBarChart, niceMaximum } from "../../src/admin/charts.js";

describe("dailyBarChart", () => {
  const svg = dailyBarChart({
    title: "検索数",
    days: ["2026-12-01", "2026-12-02"],
    series: [
      { label: "検索", className: "chart__bar--a", values: [10, 4] },
      { label: "0 件", className: "chart__bar--b", values: [1, 0] },
    ],
  });

  it("is one SVG with a bar per series and day, named with its totals for screen readers", () => {
    expect(svg.match(/<rect /g)).toHaveLength(4);
    expect(svg).toContain('role="img"');
    expect(svg).toContain('aria-label="検索数。2026-12-01 から 2026-12-02 まで。検索 合計 14、0 件 合計 1。"');
  });

  it("draws the tallest bar to the top of a round axis and a zero as no height", () => {
    const heights = [...svg.matchAll(/height="([\d.]+)"\/>/g)].map((m) => Number(m[1]));
    expect(Math.max(...heights)).toBeCloseTo(186);
    expect(heights).toContain(0);
  });

  it("has no inline style or script, so the site's CSP holds", () => {
    expect(svg).not.toMatch(/style=|<script|on\w+=/);
  });

  it("rounds the axis up to 1, 2 or 5 times a power of ten", () => {
    expect([0, 1, 3, 7, 10, 11, 180, 4999].map(niceMaximum)).toEqual([1, 1, 5, 10, 10, 20, 200, 5000]);
  });
});
