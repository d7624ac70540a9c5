// In-process search engine latency: the bundled FAQ, and a generated 10,000-entry corpus.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { loadContent } from "../src/content/load-content.js";
import { buildSearchIndex, documentsFromContent, search, type SearchIndex } from "../src/search/index.js";
import { projectRoot } from "../src/web/paths.js";
import { generateContent } from "./generate-content.js";

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

async function devQueries(): Promise<string[]> {
  const file = path.join(projectRoot, "../shared/search/dev-queries.json");
  return (JSON.parse(await readFile(file, "utf8")) as { queries: Array<{ q: string }> }).queries.map((q) => q.q);
}

function latencies(index: SearchIndex, queries: string[], rounds: number): { p50: number; p99: number } {
  for (const q of queries) search(index, q); // warm the JIT
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of queries) {
      const start = process.hrtime.bigint();
      search(index, q);
      times.push(Number(process.hrtime.bigint() - start) / 1000);
    }
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5), p99: percentile(times, 0.99) };
}

export async function runSearchEngineBench(): Promise<string> {
  const queries = await devQueries();
  const faq = buildSearchIndex(documentsFromContent(await loadContent(path.join(projectRoot, "content"))));
  const small = latencies(faq, queries, 400);

  const dir = await mkdtemp(path.join(tmpdir(), "bench-engine-"));
  try {
    await generateContent(10_000, dir);
    const content = await loadContent(dir);
    const builds: number[] = [];
    let big: SearchIndex | undefined;
    for (let i = 0; i < 3; i++) {
      const start = performance.now();
      big = buildSearchIndex(documentsFromContent(content));
      builds.push(performance.now() - start);
    }
    builds.sort((a, b) => a - b);
    const large = latencies(big as SearchIndex, queries, 10);
    const rss = process.memoryUsage().rss / 2 ** 20;
    return [
      `Dev queries (${queries.length}), in process, after warm-up. µs = microseconds.`,
      "",
      "| corpus | index build (median of 3) | query p50 | query p99 | RSS after | goal |",
      "| --- | --- | --- | --- | --- | --- |",
      `| bundled FAQ (21) | – | ${small.p50.toFixed(1)} µs | ${small.p99.toFixed(1)} µs | – | p99 < 100 µs ${small.p99 < 100 ? "✓" : "✗"} |`,
      `| generated 10,000 | ${(builds[1] ?? 0).toFixed(0)} ms | ${(large.p50 / 1000).toFixed(2)} ms | ${(large.p99 / 1000).toFixed(2)} ms | ${rss.toFixed(0)} MB | build < 2 s ${(builds[1] ?? 0) < 2000 ? "✓" : "✗"}, p99 < 10 ms ${large.p99 < 10_000 ? "✓" : "✗"}, RSS < 250 MB ${rss < 250 ? "✓" : "✗"} |`,
    ].join("\n");
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
