// In-process search engine latency: the bundled FAQ, and a generated 10,000-entry corpus.
import { fork } from "node:child_process";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { loadContent } from "../src/content/load-content.js";
import { buildSearchIndex, search, type SearchIndex } from "../src/search/index.js";
import { searchIndexOf } from "../src/web/search/documents-from-content.js";
import { projectRoot } from "../src/paths.js";
import { fragmentQueries, COMMON_WORDS } from "./fragment-queries.js";
import { generateDocuments } from "./generate-content.js";

const FRAGMENTS = 300;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

async function devQueries(): Promise<string[]> {
  const file = path.join(projectRoot, "test/search/fixtures/dev-queries.json");
  return (JSON.parse(await readFile(file, "utf8")) as { queries: Array<{ q: string }> }).queries.map((q) => q.q);
}

/**
 * Times `rounds` passes over the queries after `warmRounds` untimed ones. A running server has answered
 * thousands of searches: until V8 has optimised the engine's functions, its tail is the compiler's, not the code's.
 */
function latencies(
  index: SearchIndex,
  queries: string[],
  rounds: number,
  warmRounds: number,
  options: { everyAnswer?: boolean } = {},
): { p50: number; p99: number } {
  for (let r = 0; r < warmRounds; r++) for (const q of queries) search(index, q, options);
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of queries) {
      const start = process.hrtime.bigint();
      search(index, q, options);
      times.push(Number(process.hrtime.bigint() - start) / 1000);
    }
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5), p99: percentile(times, 0.99) };
}

export async function runSearchEngineBench(): Promise<string> {
  const queries = await devQueries();
  const content = await loadContent(path.join(projectRoot, "content"));
  const faq = searchIndexOf(content);
  // Five runs of 400 passes, medians of their p50 and p99: one preemption by another process on this shared
  // machine lands in a 30 µs query as a 100 µs one, and decides a single run's p99.
  const smallRuns = Array.from({ length: 5 }, () => latencies(faq, queries, 400, 200));
  const medianOf = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  const small = {
    p50: medianOf(smallRuns.map((run) => run.p50)),
    p99: medianOf(smallRuns.map((run) => run.p99)),
    p99s: smallRuns.map((run) => run.p99),
  };

  // The 10,000-entry corpus is measured in fresh processes (three; medians) holding only the documents
  // and one index, so RSS is the engine's, not this process's history.
  type Timing = { p50: number; p99: number };
  type Large = {
    buildMs: number;
    p50: number;
    p99: number;
    fragments: Timing;
    common: Timing;
    everyAnswer: Timing;
    rssStart: number;
    rss: number;
  };
  const runs: Large[] = [];
  for (let i = 0; i < 3; i++) {
    runs.push(
      await new Promise<Large>((resolve, reject) => {
        const child = fork(fileURLToPath(import.meta.url), ["--large"], { execArgv: ["--import", "tsx"] });
        child.once("message", (message) => resolve(message as Large));
        child.once("error", reject);
      }),
    );
  }
  const middle = (pick: (run: Large) => number) => runs.map(pick).sort((a, b) => a - b)[1] ?? 0;
  const large: Large = {
    buildMs: middle((r) => r.buildMs),
    p50: middle((r) => r.p50),
    p99: middle((r) => r.p99),
    fragments: { p50: middle((r) => r.fragments.p50), p99: middle((r) => r.fragments.p99) },
    common: { p50: middle((r) => r.common.p50), p99: middle((r) => r.common.p99) },
    everyAnswer: { p50: middle((r) => r.everyAnswer.p50), p99: middle((r) => r.everyAnswer.p99) },
    rssStart: middle((r) => r.rssStart),
    rss: middle((r) => r.rss),
  };
  return [
    `Dev queries (${queries.length}), 400 timed passes after 200 untimed ones (10,000 entries: 10 after 3), so V8 has optimised the engine as on a running server; every query timed alone, GC pauses included. µs = microseconds.`,
    `The FAQ row: medians of five such runs (their p99s: ${small.p99s.map((p99) => p99.toFixed(0)).join(", ")} µs).`,
    `The 10,000-entry row: three fresh processes (medians), each holding only the generated documents and one index. RSS is the whole process's,`,
    `under the tsx loader the bench runs with; "RSS at start" is that process before it generates anything.`,
    "",
    "| corpus | index build | query p50 | query p99 | RSS at start | RSS after | goal |",
    "| --- | --- | --- | --- | --- | --- | --- |",
    `| bundled FAQ (21) | – | ${small.p50.toFixed(1)} µs | ${small.p99.toFixed(1)} µs | – | – | p99 < 100 µs ${small.p99 < 100 ? "✓" : "✗"} |`,
    `| generated 10,000 (own process) | ${large.buildMs.toFixed(0)} ms | ${(large.p50 / 1000).toFixed(2)} ms | ${(large.p99 / 1000).toFixed(2)} ms | ${large.rssStart.toFixed(0)} MB | ${large.rss.toFixed(0)} MB | build < 2 s ${large.buildMs < 2000 ? "✓" : "✗"}, p99 < 10 ms ${large.p99 < 10_000 ? "✓" : "✗"}, RSS < 250 MB ${large.rss < 250 ? "✓" : "✗"} |`,
    "",
    `Title fragments at 10,000 entries (${FRAGMENTS} seeded fragments of 3–8 characters of generated titles, 10 timed passes after 3, same processes, medians), alone and each with one of the words most answers share (${COMMON_WORDS.join(", ")}):`,
    "",
    "| queries | p50 | p99 | goal |",
    "| --- | --- | --- | --- |",
    `| fragment alone | ${ms(large.fragments.p50)} ms | ${ms(large.fragments.p99)} ms | |`,
    `| fragment + common word | ${ms(large.common.p50)} ms | ${ms(large.common.p99)} ms | p99 < 10 ms ${large.common.p99 < 10_000 ? "✓" : "✗"}, p99 ≤ 1.5 × alone ${large.common.p99 <= 1.5 * large.fragments.p99 ? "✓" : "✗"} |`,
    `| fragment + common word, every answer a term occurs in made a candidate (as before #30; same results) | ${ms(large.everyAnswer.p50)} ms | ${ms(large.everyAnswer.p99)} ms | |`,
  ].join("\n");
}

const ms = (us: number) => (us / 1000).toFixed(2);

/** In a child: generate 10,000 documents in memory, build the index once, query, report. */
async function measureLarge(): Promise<void> {
  const rssStart = process.memoryUsage().rss / 2 ** 20;
  const seed = await loadContent(path.join(projectRoot, "content"));
  const docs = generateDocuments(seed, 10_000);
  const start = performance.now();
  const index = buildSearchIndex(docs, { synonyms: seed.synonyms });
  const buildMs = performance.now() - start;
  const { p50, p99 } = latencies(index, await devQueries(), 10, 3);
  const { alone, withCommon } = fragmentQueries(
    docs.map((doc) => doc.title),
    FRAGMENTS,
    7,
  );
  const fragments = latencies(index, alone, 10, 3);
  const common = latencies(index, withCommon, 10, 3);
  // The same queries scored as before the common word's bound (rank.ts, wordsThatCannotPassAlone): every answer a
  // term occurs in is a candidate. The same results, for comparison in the same process.
  const everyAnswer = latencies(index, withCommon, 10, 3, { everyAnswer: true });
  const rss = process.memoryUsage().rss / 2 ** 20;
  process.send?.({ buildMs, p50, p99, fragments, common, everyAnswer, rssStart, rss }, () => process.exit(0));
}

if (process.argv.includes("--large")) await measureLarge();
