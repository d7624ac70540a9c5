import { describe, expect, it } from "vitest";
import { createMetrics } from "../../src/ops/metrics.js";

const value = (text: string, series: string) =>
  Number(new RegExp(`^${series.replace(/[{}"/]/g, (c) => `\\${c}`)} (\\S+)$`, "m").exec(text)?.[1]);

describe("createMetrics", () => {
  it("counts requests and their durations by route pattern, method and status", async () => {
    const metrics = createMetrics({ processMetrics: false });
    metrics.observeRequest("/questions/:id", "GET", 200, 0.002);
    metrics.observeRequest("/questions/:id", "GET", 200, 0.004);
    let text = await metrics.registry.metrics();
    expect(value(text, 'http_requests_total{route="/questions/:id",method="GET",status="200"}')).toBe(2);
    expect(value(text, 'http_request_duration_seconds_count{route="/questions/:id",method="GET",status="200"}')).toBe(
      2,
    );
    expect(
      value(text, 'http_request_duration_seconds_bucket{le="0.0025",route="/questions/:id",method="GET",status="200"}'),
    ).toBe(1);
    // Counted between scrapes, not once more per scrape.
    metrics.observeRequest("/questions/:id", "GET", 404, 0.001);
    text = await metrics.registry.metrics();
    expect(value(text, 'http_requests_total{route="/questions/:id",method="GET",status="200"}')).toBe(2);
    expect(value(text, 'http_requests_total{route="/questions/:id",method="GET",status="404"}')).toBe(1);
  });

  it("counts searches, no-result searches, votes and reloads, and reads the queue and log figures at scrape time", async () => {
    const metrics = createMetrics({ processMetrics: false });
    let depth = 3;
    metrics.watch({
      queueDepth: () => depth,
      queueDropped: () => 7,
      databaseErrors: () => 2,
      logLinesDropped: () => 1,
    });
    metrics.searched("page", 0);
    metrics.searched("api", 4);
    metrics.voted(true);
    metrics.contentReloaded(false);
    let text = await metrics.registry.metrics();
    expect(value(text, 'searches_total{route="page"}')).toBe(1);
    expect(value(text, 'search_no_results_total{route="page"}')).toBe(1);
    expect(value(text, 'feedback_votes_total{helpful="yes"}')).toBe(1);
    expect(value(text, 'content_reloads_total{result="failed"}')).toBe(1);
    expect(value(text, "analytics_queue_depth")).toBe(3);
    expect(value(text, "analytics_events_dropped_total")).toBe(7);
    expect(value(text, "database_errors_total")).toBe(2);
    expect(value(text, "log_lines_dropped_total")).toBe(1);
    depth = 0;
    text = await metrics.registry.metrics();
    expect(value(text, "analytics_queue_depth")).toBe(0);
  });

  it("includes the process metrics by default", async () => {
    expect(await createMetrics().registry.metrics()).toContain("process_cpu_user_seconds_total");
  });
});
