/** An error code's readers in the last hour against the same hour on the days before. */
export interface CodeHours {
  code: string;
  /** Searches for the code and visits of /errors/<code> in the last hour. */
  lastHour: number;
  /** The same, in the same hour of each of the previous days (missing days count as 0). */
  before: readonly number[];
}

export interface SpikeRule {
  /** The last hour must be at least this many times the baseline. */
  factor: number;
  /** And at least this many. */
  minimum: number;
}

export const DEFAULT_SPIKE_RULE: SpikeRule = { factor: 3, minimum: 20 };
/** The days whose same hour makes the baseline. */
export const BASELINE_DAYS = 7;

export interface Spike {
  code: string;
  lastHour: number;
  /** The mean of the same hour on the previous days. */
  baseline: number;
}

/**
 * The codes spiking now: at least `minimum` in the last hour and at least `factor` times the mean of the same
 * hour on the previous days (a code never seen before spikes once it reaches the minimum). Most first.
 */
export function spikes(hours: readonly CodeHours[], rule: SpikeRule = DEFAULT_SPIKE_RULE): Spike[] {
  return hours
    .map((code) => {
      const days = Math.max(BASELINE_DAYS, code.before.length);
      const baseline = code.before.reduce((sum, n) => sum + n, 0) / days;
      return { code: code.code, lastHour: code.lastHour, baseline };
    })
    .filter((spike) => spike.lastHour >= rule.minimum && spike.lastHour >= rule.factor * spike.baseline)
    .sort((a, b) => b.lastHour - a.lastHour || a.code.localeCompare(b.code));
}

/** The alert's words, as Slack and Teams show a webhook's `text`. */
export function spikeText(spike: Spike, siteUrl: string): string {
  const baseline = spike.baseline.toFixed(1);
  return `[HP Advantageplus FAQ] ${spike.code} が急増しています: 直近 1 時間に ${spike.lastHour} 件の検索・アクセス（過去 ${BASELINE_DAYS} 日の同じ時間帯の平均 ${baseline} 件）。お知らせを出す: ${siteUrl}/admin/notices?code=${spike.code}`;
}
