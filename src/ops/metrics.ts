import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

/** Figures kept elsewhere (the analytics queue, the log stream) that /metrics reads when scraped. */
export interface MetricSources {
  queueDepth?: () => number;
  queueDropped?: () => number;
  databaseErrors?: () => number;
  logLinesDropped?: () => number;
}

export interface Metrics {
  registry: Registry;
  observeRequest(route: string, method: string, status: number, seconds: number): void;
  searched(route: "page" | "api", results: number): void;
  voted(helpful: boolean): void;
  contentReloaded(ok: boolean): void;
  /** Reads these on every scrape. */
  watch(sources: MetricSources): void;
}

/** A counter whose value lives elsewhere: set from its source at each scrape. */
function mirroredCounter(registry: Registry, name: string, help: string, read: () => number | undefined) {
  return new Counter({
    name,
    help,
    registers: [registry],
    collect() {
      const value = read();
      this.reset();
      if (value !== undefined) this.inc(value);
    },
  });
}

/**
 * A labelled counter counted in plain numbers and handed to prom-client when scraped: prom-client checks and
 * hashes the labels on every increment, which on a request answered from memory is a noticeable share of
 * the whole answer. Each label set is one Map entry.
 */
function tallyCounter<L extends string>(registry: Registry, name: string, help: string, labelNames: readonly L[]) {
  const counts = new Map<string, { labels: Record<L, string>; count: number }>();
  new Counter({
    name,
    help,
    labelNames,
    registers: [registry],
    collect() {
      this.reset();
      for (const { labels, count } of counts.values()) this.inc(labels, count);
    },
  });
  /** `key` names the label set (any string unique to it); `labels` are made only the first time. */
  return (key: string, labels: () => Record<L, string>) => {
    const entry = counts.get(key);
    if (entry) entry.count++;
    else counts.set(key, { labels: labels(), count: 1 });
  };
}

/** Prometheus metrics in their own registry, so each app (and each test) counts alone. */
export function createMetrics(options: { processMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.processMetrics !== false) collectDefaultMetrics({ register: registry });
  const sources: MetricSources = {};
  const requests = tallyCounter(
    registry,
    "http_requests_total",
    "HTTP requests answered, by route pattern, method and status",
    ["route", "method", "status"],
  );
  const duration = new Histogram({
    name: "http_request_duration_seconds",
    help: "Time from request to the last byte handed to the socket, by route pattern, method and status",
    labelNames: ["route", "method", "status"],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const searches = tallyCounter(
    registry,
    "searches_total",
    "Searches answered, by route (page = /search, api = /api/search)",
    ["route"],
  );
  const noResults = tallyCounter(registry, "search_no_results_total", "Searches that found nothing, by route", [
    "route",
  ]);
  const votes = new Counter({
    name: "feedback_votes_total",
    help: "Reader votes accepted, by answer",
    labelNames: ["helpful"],
    registers: [registry],
  });
  const reloads = new Counter({
    name: "content_reloads_total",
    help: "Content reloads (npm run dev), by result",
    labelNames: ["result"],
    registers: [registry],
  });
  new Gauge({
    name: "analytics_queue_depth",
    help: "Reader events waiting to be written",
    registers: [registry],
    collect() {
      this.set(sources.queueDepth?.() ?? 0);
    },
  });
  mirroredCounter(registry, "analytics_events_dropped_total", "Reader events dropped because the queue was full", () =>
    sources.queueDropped?.(),
  );
  mirroredCounter(registry, "database_errors_total", "Failed writes or pings of the analytics database", () =>
    sources.databaseErrors?.(),
  );
  mirroredCounter(
    registry,
    "log_lines_dropped_total",
    "Log lines dropped because standard output could not keep up",
    () => sources.logLinesDropped?.(),
  );
  // Each label set's histogram child, looked up once; the request counter is tallied (see tallyCounter).
  const timers = new Map<string, ReturnType<typeof duration.labels>>();
  return {
    registry,
    observeRequest(route, method, status, seconds) {
      const key = `${route} ${method} ${status}`;
      requests(key, () => ({ route, method, status: String(status) }));
      let time = timers.get(key);
      if (!time) timers.set(key, (time = duration.labels(route, method, String(status))));
      time.observe(seconds);
    },
    searched(route, results) {
      searches(route, () => ({ route }));
      if (results === 0) noResults(route, () => ({ route }));
    },
    voted(helpful) {
      votes.inc({ helpful: helpful ? "yes" : "no" });
    },
    contentReloaded(ok) {
      reloads.inc({ result: ok ? "ok" : "failed" });
    },
    watch(more) {
      Object.assign(sources, more);
    },
  };
}
