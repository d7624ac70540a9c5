// The realistic mix at 10,000 entries: distinct URLs drawn at random (most of them cold), as readers of a
// large knowledge base would send them, next to the one-repeated-URL figure that a cache flatters.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { loadContent } from "../src/content/load-content.js";
import { listingOf } from "../src/web/pages/listing.js";
import { urls } from "../src/web/pages/urls.js";
import { COMMON_WORDS, fragmentQueries, seeded, titleFragment } from "./fragment-queries.js";
import { generateContent } from "./generate-content.js";
import { median, startServer, timedRun } from "./http.js";

const ENTRIES = Number(process.env.BENCH_MIX_ENTRIES ?? 10_000);
const REQUESTS = Number(process.env.BENCH_MIX_REQUESTS ?? 2_000);
const TOKEN = "bench-metrics-token-0123456789";
const SEARCHES = 300;
const RUNNING_ROUNDS = 3;

async function rssMb(pid: number | undefined): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/** The event loop's p99 delay since the last scrape, from the server's own /metrics (prom-client). */
async function eventLoopP99Ms(site: string): Promise<number> {
  const text = await (await fetch(`${site}/metrics`, { headers: { Authorization: `Bearer ${TOKEN}` } })).text();
  return Number(/^nodejs_eventloop_lag_p99_seconds (\S+)$/m.exec(text)?.[1] ?? NaN) * 1000;
}

interface Mix {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

async function drive(site: string, connections: number, amount: number, nextPath: () => string): Promise<Mix> {
  const { result, seconds } = await timedRun({
    url: site,
    connections,
    amount,
    headers: { "Accept-Encoding": "br" },
    requests: [{ method: "GET", setupRequest: (request) => ({ ...request, path: nextPath() }) }],
  });
  return {
    rps: result.requests.total / seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

/** Of one phase's requests, how many were drawn and how many of those asked for a URL asked for before. */
interface Phase {
  measured: number;
  repeats: number;
}

interface Timed {
  n: number;
  rps: number;
  p50: number;
  p99: number;
  failed: number;
}

/** Each URL fetched in turn (Brotli accepted, body read), timed by the client. */
async function timedFetches(site: string, paths: readonly string[]): Promise<Timed> {
  const times: number[] = [];
  let failed = 0;
  const start = performance.now();
  for (const p of paths) {
    const began = performance.now();
    const res = await fetch(`${site}${p}`, { headers: { "Accept-Encoding": "br" } });
    await res.arrayBuffer();
    times.push(performance.now() - began);
    if (!res.ok) failed++;
  }
  const seconds = (performance.now() - start) / 1000;
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(times.length * q))] ?? 0;
  return { n: times.length, rps: times.length / seconds, p50: at(0.5), p99: at(0.99), failed };
}

export async function runMixBench(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "bench-mix-"));
  const data = await mkdtemp(path.join(tmpdir(), "bench-mix-db-"));
  try {
    await generateContent(ENTRIES, dir);
    const content = await loadContent(dir);
    const listing = listingOf(content);
    const pick = seeded(42);
    const choose = <T>(items: readonly T[]): T => items[Math.floor(pick() * items.length)] as T;
    const words = content.questions.map((question) => question.title);
    // Half the searches a fragment alone, half with a word most answers share after it.
    const fragment = () => {
      const typed = titleFragment(words, pick);
      return pick() < 0.5 ? typed : `${typed} ${choose(COMMON_WORDS)}`;
    };
    // Which URLs the server has been asked for already, so the share of cold requests is measured, not assumed.
    const asked = new Set<string>();
    // Half question pages, a sixth category pages, the rest searches: the API as typed, the page as finished.
    const kinds: Array<[number, () => string]> = [
      [0.5, () => urls.question(choose(content.questions).id)],
      [
        0.65,
        () => {
          const category = choose(content.categories);
          return urls.categoryPage(category.id, 1 + Math.floor(pick() * listing.pageCount(category.id)));
        },
      ],
      [0.85, () => `/api/search?q=${encodeURIComponent(fragment())}`],
      [1, () => `/search?q=${encodeURIComponent(fragment())}`],
    ];
    // `fresh`: the kind drawn, then a URL of that kind not asked for before, drawn again while it is one (at
    // most 100 times: there are only some 400 listing pages), so the mix keeps its shares.
    const mixed = (fresh = false) => {
      const roll = pick();
      const draw = kinds.find(([upTo]) => roll < upTo)?.[1] ?? (kinds[0] as [number, () => string])[1];
      let url = draw();
      for (let tries = 0; fresh && tries < 100 && asked.has(url); tries++) url = draw();
      return url;
    };
    const repeated = () => urls.question(content.questions[0]?.id ?? "");
    const phase = (): Phase => ({ measured: 0, repeats: 0 });
    const counted = (next: () => string, seen: Phase) => () => {
      const url = next();
      seen.measured++;
      if (asked.has(url)) seen.repeats++;
      asked.add(url);
      return url;
    };
    const coldShareOf = (seen: Phase) => 1 - seen.repeats / Math.max(1, seen.measured);

    const env = { ACCESS_LOG: "off", METRICS_TOKEN: TOKEN, DATABASE_URL: `sqlite:${path.join(data, "mix.db")}` };
    const starts: number[] = [];
    for (let i = 0; i < 3; i++) {
      const { child, startMs } = await startServer(3421, dir, env);
      starts.push(startMs);
      child.kill();
      await new Promise((resolve) => child.once("exit", resolve));
    }
    const { child } = await startServer(3421, dir, env);
    const site = "http://127.0.0.1:3421";
    const rows: string[] = [];
    try {
      // As a load balancer would: the search index is built on its own thread after /healthz answers.
      while (!(await fetch(`${site}/readyz`)).ok) await new Promise((resolve) => setTimeout(resolve, 50));
      const ready = await rssMb(child.pid);
      await eventLoopP99Ms(site);
      // Just started: every page, search and code path is met for the first time, V8's included.
      const started = phase();
      const cold10 = await drive(
        site,
        10,
        REQUESTS,
        counted(() => mixed(), started),
      );
      const loopDuring = await eventLoopP99Ms(site);
      const cold1 = await drive(
        site,
        1,
        REQUESTS / 4,
        counted(() => mixed(), started),
      );
      // Then the same stream of requests goes on, to the server as it runs from then on: V8 has compiled its
      // code, and the requests are for URLs never asked for (a cache cannot flatter them).
      const running = phase();
      const rounds: Mix[] = [];
      for (let round = 0; round < RUNNING_ROUNDS; round++)
        rounds.push(
          await drive(
            site,
            10,
            REQUESTS,
            counted(() => mixed(true), running),
          ),
        );
      const loopRunning = await eventLoopP99Ms(site);
      const warm: Mix = {
        rps: median(rounds.map((r) => r.rps)),
        p50: median(rounds.map((r) => r.p50)),
        p99: median(rounds.map((r) => r.p99)),
        non2xx: rounds.reduce((sum, r) => sum + r.non2xx, 0),
        errors: rounds.reduce((sum, r) => sum + r.errors, 0),
      };
      // Then searches one at a time, timed by this client: fragments alone and with a common word, none of
      // them asked before (so each is searched, rendered and compressed anew).
      const { alone, withCommon } = fragmentQueries(words, SEARCHES, 11);
      const fresh = (queries: string[]) =>
        [...new Set(queries.map((q) => `/search?q=${encodeURIComponent(q)}`))].filter((url) => !asked.has(url));
      const aloneTimes = await timedFetches(site, fresh(alone));
      const commonTimes = await timedFetches(site, fresh(withCommon));
      const afterMix = await rssMb(child.pid);
      const hot10 = await drive(site, 10, REQUESTS, repeated);
      const hot1 = await drive(site, 1, REQUESTS / 4, repeated);
      // Then every page once, four at a time, as a crawler would.
      const pages = [
        urls.home(),
        ...content.categories.flatMap((c) =>
          Array.from({ length: listing.pageCount(c.id) }, (_, i) => urls.categoryPage(c.id, i + 1)),
        ),
        ...content.questions.map((q) => urls.question(q.id)),
      ];
      for (let i = 0; i < pages.length; i += 4) {
        await Promise.all(
          pages
            .slice(i, i + 4)
            .map(async (p) => (await fetch(`${site}${p}`, { headers: { "Accept-Encoding": "br" } })).arrayBuffer()),
        );
      }
      const afterAll = await rssMb(child.pid);
      const home = Buffer.byteLength(
        await (await fetch(`${site}/`, { headers: { "Accept-Encoding": "identity" } })).text(),
      );
      const category = Buffer.byteLength(
        await (
          await fetch(`${site}${urls.category(content.categories[0]?.id ?? "")}`, {
            headers: { "Accept-Encoding": "identity" },
          })
        ).text(),
      );
      const timedRow = (name: string, t: Timed, goal: string) =>
        `| ${name} | ${t.rps.toFixed(0)} | ${t.p50.toFixed(1)} / ${t.p99.toFixed(1)} | ${t.failed} | ${goal} |`;
      const row = (name: string, mix: Mix, goal: string) =>
        `| ${name} | ${mix.rps.toFixed(0)} | ${mix.p50} / ${mix.p99} | ${mix.non2xx + mix.errors} | ${goal} |`;
      rows.push(
        `| start until \`/healthz\` answers (median of 3) | ${median(starts).toFixed(0)} ms | < 3,000 ms ${median(starts) < 3_000 ? "✓" : "✗"} |`,
        `| RSS when ready / after the mix / after every page | ${ready.toFixed(0)} / ${afterMix.toFixed(0)} / ${afterAll.toFixed(0)} MB | < 300 MB after every page ${afterAll < 300 ? "✓" : "✗"} |`,
        `| event-loop delay p99 during the 10-connection mix, just started / running | ${loopDuring.toFixed(1)} / ${loopRunning.toFixed(1)} ms | |`,
        `| home page / first category page, uncompressed | ${(home / 1024).toFixed(0)} KB / ${(category / 1024).toFixed(0)} KB | readable on a phone |`,
      );
      const table = [
        "| requests | req/s | p50 / p99 (ms) | non-2xx or errors | goal |",
        "| --- | --- | --- | --- | --- |",
        row(
          `random mix, running, 10 connections, ${RUNNING_ROUNDS} × ${REQUESTS} (median; rounds ${rounds.map((r) => r.rps.toFixed(0)).join(", ")} req/s)`,
          warm,
          `≥ 800 req/s ${warm.rps >= 800 ? "✓" : "✗"}, p99 < 100 ${warm.p99 < 100 ? "✓" : "✗"}`,
        ),
        row(
          `random mix, just started, 10 connections, ${REQUESTS}`,
          cold10,
          `p99 < 100 ${cold10.p99 < 100 ? "✓" : "✗"} (V8 still compiling: for comparison)`,
        ),
        row(
          `random mix, 1 connection, ${REQUESTS / 4}`,
          cold1,
          `p50 < 2 ${cold1.p50 < 2 ? "✓" : "✗"}, p99 < 20 ${cold1.p99 < 20 ? "✓" : "✗"}`,
        ),
        timedRow(`/search, fragment alone, one at a time, ${aloneTimes.n} distinct`, aloneTimes, ""),
        timedRow(
          `/search, fragment + common word, one at a time, ${commonTimes.n} distinct`,
          commonTimes,
          `p99 < 25 ${commonTimes.p99 < 25 ? "✓" : "✗"}`,
        ),
        row(`one repeated question page, 10 connections, ${REQUESTS}`, hot10, "(the cache's figure, for comparison)"),
        row(`one repeated question page, 1 connection, ${REQUESTS / 4}`, hot1, ""),
      ];
      return [
        `${ENTRIES.toLocaleString("en")} generated entries (\`bench/generate-content.ts\`), production build, ACCESS_LOG=off, Brotli accepted. The random mix draws each request from a seeded generator: half question pages, 15 % category listing pages, 20 % \`/api/search\` and 15 % \`/search\` with fragments of titles (half of them followed by a word most answers share: ${COMMON_WORDS.join(", ")}), so most requests are cold. The first mixes run on the process just started, once its index is built (${(coldShareOf(started) * 100).toFixed(0)} % of their requests asked for a URL it had not been asked for before): V8 compiles the server's code meanwhile, as every process pays once. The same stream then goes on for ${RUNNING_ROUNDS} rounds to the server as it runs from then on, each URL asked for before drawn again within its kind (${(coldShareOf(running) * 100).toFixed(0)} % of them cold): that is the throughput goal's figure. req/s = requests ÷ the time until the last answer. Event-loop delay from the server's own \`/metrics\` (prom-client). RSS from /proc after each phase; "every page" is the home page, every category listing page and every question page, fetched four at a time.`,
        "",
        "| measure | measured | goal |",
        "| --- | --- | --- |",
        ...rows,
        "",
        ...table,
      ].join("\n");
    } finally {
      child.kill();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
    await rm(data, { recursive: true, force: true });
  }
}
