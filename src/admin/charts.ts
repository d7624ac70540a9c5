/**
 * Daily bar charts as SVG, made on the server: no chart script, no inline style (colours come from the
 * site's stylesheet through classes, so dark mode just works). Each chart names itself for screen readers;
 * the page shows the same numbers as a table beside it.
 */
export interface Series {
  label: string;
  /** A class from site.css: chart__bar--a (the main series) or chart__bar--b (the one it is compared with). */
  className: "chart__bar--a" | "chart__bar--b";
  values: readonly number[];
}

const escapeXml = (text: string) => text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** A rounded-up axis maximum with easy ticks (1, 2 or 5 × a power of ten). */
export function niceMaximum(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map((m) => m * power).find((m) => m >= value) ?? 10 * power;
}

export function dailyBarChart(options: {
  title: string;
  days: readonly string[];
  series: readonly [Series, Series];
}): string {
  const { days, series } = options;
  const width = 640;
  const height = 220;
  const left = 40;
  const bottom = 24;
  const top = 10;
  const plotWidth = width - left - 8;
  const plotHeight = height - top - bottom;
  const max = niceMaximum(Math.max(0, ...series.flatMap((s) => s.values)));
  const slot = plotWidth / Math.max(1, days.length);
  const barWidth = Math.max(1, (slot * 0.8) / 2);
  const y = (value: number) => top + plotHeight - (value / max) * plotHeight;
  const bars = days
    .map((_day, i) =>
      series
        .map((s, k) => {
          const value = s.values[i] ?? 0;
          const x = left + i * slot + slot * 0.1 + k * barWidth;
          return `<rect class="${s.className}" x="${x.toFixed(1)}" y="${y(value).toFixed(1)}" width="${barWidth.toFixed(1)}" height="${(top + plotHeight - y(value)).toFixed(1)}"/>`;
        })
        .join(""),
    )
    .join("");
  const ticks = [0, max / 2, max]
    .map(
      (t) =>
        `<line class="chart__grid" x1="${left}" x2="${width - 8}" y1="${y(t).toFixed(1)}" y2="${y(t).toFixed(1)}"/><text class="chart__label" x="${left - 6}" y="${(y(t) + 4).toFixed(1)}" text-anchor="end">${Number.isInteger(t) ? t : t.toFixed(1)}</text>`,
    )
    .join("");
  const first = days[0] ?? "";
  const last = days.at(-1) ?? "";
  const dates = `<text class="chart__label" x="${left}" y="${height - 6}">${escapeXml(first.slice(5))}</text><text class="chart__label" x="${width - 8}" y="${height - 6}" text-anchor="end">${escapeXml(last.slice(5))}</text>`;
  const total = (s: Series) => s.values.reduce((a, b) => a + b, 0);
  const summary = `${first} から ${last} まで。${series.map((s) => `${s.label} 合計 ${total(s)}`).join("、")}。`;
  return `<svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(`${options.title}。${summary}`)}">${ticks}${bars}${dates}</svg>`;
}
