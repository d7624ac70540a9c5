// The most expensive searches a client can send, each one new so no cache answers it: 195 distinct kanji
// (the longest query the routes accept is 200 characters), limit=50, Brotli accepted. One connection,
// one request at a time, so the figure is the cost of one search, not of queueing.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { median, startServer } from "./http.js";

const REQUESTS = Number(process.env.BENCH_WORST_REQUESTS ?? 300);
const KANJI = Array.from({ length: 195 }, (_, i) => String.fromCharCode(0x4e00 + i * 37)).join("");

/** The i-th worst-case query: the same characters rotated, so every request is a new query. */
const queryNumber = (i: number) =>
  KANJI.slice(i % KANJI.length) + KANJI.slice(0, i % KANJI.length) + String(Math.floor(i / KANJI.length));

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((values.length * p) / 100))] ?? 0;

async function timed(url: string): Promise<number> {
  const started = performance.now();
  const res = await fetch(url, { headers: { "Accept-Encoding": "br" } });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
  return performance.now() - started;
}

export async function runWorstSearchBench(): Promise<string> {
  const port = 3411;
  const dir = await mkdtemp(path.join(tmpdir(), "bench-worst-"));
  const { child } = await startServer(port, undefined, {
    ACCESS_LOG: "off",
    DATABASE_URL: `sqlite:${path.join(dir, "bench.db")}`,
  });
  const site = `http://127.0.0.1:${port}`;
  try {
    const rows: string[] = [];
    const cases = [
      { name: "a cached question page (the same client's floor)", url: () => `${site}/questions/ae01` },
      {
        name: "/api/search, worst case, uncached",
        url: (i: number) => `${site}/api/search?limit=50&q=${encodeURIComponent(queryNumber(i))}`,
      },
      {
        name: "/search, worst case, uncached",
        url: (i: number) => `${site}/search?limit=50&q=${encodeURIComponent(queryNumber(i + 100_000))}`,
        goal: 10,
      },
    ];
    for (const { url } of cases) for (let i = 0; i < 20; i++) await timed(url(-1 - i)); // warm-up
    for (const { name, url, goal } of cases) {
      const times: number[] = [];
      for (let i = 0; i < REQUESTS; i++) times.push(await timed(url(i)));
      const p50 = median(times);
      const verdict = goal === undefined ? "" : p50 < goal ? `< ${goal} ✓` : `< ${goal} ✗`;
      rows.push(`| ${name} | ${REQUESTS} | ${p50.toFixed(2)} | ${percentile(times, 99).toFixed(2)} | ${verdict} |`);
      console.error(rows.at(-1));
    }
    return [
      `Production build, one connection, ${REQUESTS} sequential requests per row with Accept-Encoding: br, timed by the client (fetch) including reading the body. Each search query is 195 distinct kanji plus a counter, rotated so no two are alike: every one is searched, rendered and compressed anew. Milliseconds.`,
      "",
      "| request | n | p50 | p99 | goal (p50) |",
      "| --- | --- | --- | --- | --- |",
      ...rows,
    ].join("\n");
  } finally {
    child.kill();
    await rm(dir, { recursive: true, force: true });
  }
}
