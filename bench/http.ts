// HTTP benchmark: the production build against a raw node:http baseline serving the same bytes,
// both in their own processes, driven by autocannon from this one. Alternating runs, medians reported.
import { fork, spawn, type ChildProcess } from "node:child_process";
import { cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import autocannon from "autocannon";
import { startArguments } from "../scripts/start-command.js";
import { openDatabase } from "../src/db/open-database.js";
import { generateContent } from "./generate-content.js";

const ROOT = path.resolve(import.meta.dirname, "..");
const CONNECTIONS = 10;
const RUN_SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

interface Target {
  name: string;
  path: string;
  /** Which server answers: the one with ACCESS_LOG=off (the default here) or the one logging every request. */
  server?: "logged";
  headers?: Record<string, string>;
  goal?: number;
}

interface RunResult {
  rps: number;
  /** Requests answered 2xx. */
  answered: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

/**
 * Each round's ratio of two runs made back to back: the ratio least moved by what the shared machine did
 * meanwhile. A round missing a run gives NaN.
 */
export const roundRatios = (ours: readonly number[], theirs: readonly number[]) =>
  ours.map((value, round) => value / (theirs[round] ?? NaN));

export async function startServer(
  port: number,
  contentDir?: string,
  env: Record<string, string> = {},
): Promise<{ child: ChildProcess; startMs: number }> {
  const started = performance.now();
  // BENCH_NODE_ARGS (say, --cpu-prof --cpu-prof-dir=/tmp/prof) go before the start flags, to profile a run.
  const extra = process.env.BENCH_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...extra, ...startArguments()], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      SEARCH_RATE_LIMIT: "0",
      ...(contentDir ? { CONTENT_DIR: contentDir } : {}),
      ...env,
    },
    // Standard output is read (and thrown away) as a log collector would: the access log's real cost.
    // BENCH_STDOUT=1 shows it instead, to read what BENCH_NODE_ARGS such as --trace-gc print.
    stdio: ["ignore", process.env.BENCH_STDOUT ? "inherit" : "pipe", "inherit"],
  });
  child.stdout?.resume();
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.ok) return { child, startMs: performance.now() - started };
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    await sleep(10);
  }
}

/**
 * An autocannon run of a fixed number of requests, with the seconds until its last answer, timed here:
 * autocannon ends a run only on its next whole second, so its own duration (and requests.average) count the
 * idle rest of that second (2,000 answered in 2.3 s read as 667 a second).
 */
export function timedRun(options: autocannon.Options): Promise<{ result: autocannon.Result; seconds: number }> {
  const started = performance.now();
  let last = started;
  return new Promise((resolve, reject) => {
    // Nothing answered at all: autocannon's own duration, rather than a division by zero.
    const run = autocannon(options, (error, result) =>
      error
        ? reject(error)
        : resolve({ result, seconds: last > started ? (last - started) / 1000 : result.duration || 1 }),
    );
    run.on("response", () => {
      last = performance.now();
    });
  });
}

function rssMb(pid: number | undefined): Promise<number> {
  return import("node:fs/promises").then(async (fs) => {
    const status = await fs.readFile(`/proc/${pid}/status`, "utf8");
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  });
}

async function run(url: string, headers: Record<string, string> = {}, seconds = RUN_SECONDS): Promise<RunResult> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds, headers });
  return {
    rps: result.requests.average,
    answered: result["2xx"],
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

/** Headers node:http writes for every response itself: the baseline's server adds its own. */
const PER_CONNECTION = new Set(["date", "connection", "keep-alive", "content-length", "transfer-encoding"]);

/**
 * The baseline answers with the target's own response: its status, every header it sent (the request id
 * frozen at the sampled value) and its body. The headers are required, and on a small answer writing and
 * parsing them is most of the cost on both sides: a baseline sending two would measure the header count,
 * not the request pipeline.
 */
async function startBaseline(
  port: number,
  sample: Response,
  body: Buffer,
  only: "own" | "bare",
): Promise<ChildProcess> {
  const dir = await mkdtemp(path.join(tmpdir(), "bench-response-"));
  const file = path.join(dir, "response.json");
  const headers =
    only === "own"
      ? [...sample.headers].filter(([name]) => !PER_CONNECTION.has(name)).flat()
      : ["Content-Type", sample.headers.get("content-type") ?? "text/plain"];
  // A 304 has no body and the site sends no length with it.
  const length = sample.status === 304 ? [] : ["Content-Length", String(body.length)];
  await writeFile(
    file,
    JSON.stringify({ status: sample.status, headers: [...headers, ...length], body: body.toString("base64") }),
  );
  const child = fork(path.join(ROOT, "bench/baseline-server.ts"), [String(port), file], {
    execArgv: ["--import", "tsx"],
    stdio: "inherit",
  });
  await new Promise<void>((resolve) => child.once("message", () => resolve()));
  return child;
}

export async function runHttpBench(): Promise<string> {
  const port = 3401;
  const basePort = 3402;
  const barePort = 3405;
  const loggedPort = 3404;
  // The ratios of the request pipeline itself are measured with ACCESS_LOG=off; the row with access logs on
  // shows what one JSON line per request costs.
  const { child: server } = await startServer(port, undefined, { ACCESS_LOG: "off" });
  const { child: logged } = await startServer(loggedPort, undefined, { ACCESS_LOG: "on" });
  const site = `http://127.0.0.1:${port}`;
  // The validator of the representation autocannon asks for: it sends no Accept-Encoding.
  const etag =
    (await fetch(`${site}/questions/ae01`, { headers: { "Accept-Encoding": "identity" } })).headers.get("etag") ?? "";
  const targets: Target[] = [
    { name: "question page", path: "/questions/ae01", goal: 0.75 },
    { name: "question page, access log on", path: "/questions/ae01", goal: 0.5, server: "logged" },
    { name: "category page", path: "/categories/hp-account" },
    { name: "/api/search?q=AE01", path: "/api/search?q=AE01", goal: 0.7 },
    { name: "/search?q=パスワード", path: `/search?q=${encodeURIComponent("パスワード")}` },
    { name: "304 revalidation", path: "/questions/ae01", headers: { "If-None-Match": etag } },
  ];
  const rows: string[] = [];
  try {
    for (const target of targets) {
      // The baseline returns exactly the response the target returns: status, headers and bytes.
      const sample = await fetch(`${site}${target.path}`, {
        headers: { "Accept-Encoding": "identity", ...target.headers },
      });
      const body = Buffer.from(await sample.arrayBuffer());
      const baseline = await startBaseline(basePort, sample, body, "own");
      // For comparison with figures from before 2026-12-02: the same body with only a type and a length.
      const bare = await startBaseline(barePort, sample, body, "bare");
      const origin = target.server === "logged" ? `http://127.0.0.1:${loggedPort}` : site;
      try {
        await run(`${origin}${target.path}`, target.headers, 2); // warm-up
        await run(`http://127.0.0.1:${basePort}${target.path}`, target.headers, 2);
        await run(`http://127.0.0.1:${barePort}${target.path}`, target.headers, 2);
        const ours: RunResult[] = [];
        const base: RunResult[] = [];
        const bareRuns: RunResult[] = [];
        // Which goes first alternates, so a machine speeding up or slowing down during the runs favours neither.
        for (let round = 0; round < ROUNDS; round++) {
          const ourRun = () => run(`${origin}${target.path}`, target.headers);
          const baseRun = () => run(`http://127.0.0.1:${basePort}${target.path}`, target.headers);
          if (round % 2 === 0) {
            ours.push(await ourRun());
            base.push(await baseRun());
          } else {
            base.push(await baseRun());
            ours.push(await ourRun());
          }
          bareRuns.push(await run(`http://127.0.0.1:${barePort}${target.path}`, target.headers));
        }
        // The figure is the median of the rounds' target/baseline ratios; their range is shown.
        const ratios = roundRatios(
          ours.map((r) => r.rps),
          base.map((r) => r.rps),
        );
        const ratio = median(ratios);
        const spread = `${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}`;
        const bareRatio = median(
          roundRatios(
            ours.map((r) => r.rps),
            bareRuns.map((r) => r.rps),
          ),
        );
        const failures = ours.reduce((n, r) => n + r.errors, 0);
        // A round whose baseline answered nothing has no ratio; it cannot count for the goal.
        const met = ratios.every(Number.isFinite) && ratio >= (target.goal ?? 0);
        const goal = target.goal === undefined ? "" : met ? `≥ ${target.goal} ✓` : `≥ ${target.goal} ✗`;
        rows.push(
          `| ${target.name} | ${sample.status} | ${body.length} | ${median(ours.map((r) => r.rps)).toFixed(0)} | ${median(ours.map((r) => r.p50))} / ${median(ours.map((r) => r.p99))} | ${median(base.map((r) => r.rps)).toFixed(0)} | ${median(base.map((r) => r.p50))} / ${median(base.map((r) => r.p99))} | **${ratio.toFixed(2)}** ${goal} (rounds ${spread}) | ${median(bareRuns.map((r) => r.rps)).toFixed(0)} | ${bareRatio.toFixed(2)} | ${failures} |`,
        );
        console.error(rows.at(-1));
      } finally {
        baseline.kill();
        bare.kill();
      }
    }
  } finally {
    server.kill();
    logged.kill();
  }
  const viewCounting = await viewCountingRow();
  console.error(viewCounting);
  const notice = await noticeRow();
  console.error(notice);
  return [
    `Servers run with ACCESS_LOG=off except the row that says access log on (its standard output read and discarded, as a collector would). ${CONNECTIONS} connections, ${ROUNDS} rounds of a ${RUN_SECONDS}-second run of target and baseline each, which goes first alternating, after a 2-second warm-up each; req/s and latency are medians of the rounds, the ratio is the median of each round's target/baseline ratio (their range in brackets). Latency in ms. Bodies sent uncompressed (autocannon sends no Accept-Encoding). The baseline is node:http answering with the target's own response, sampled once: the same status, headers (each of them, the request id frozen) and body; the goals are measured against it. The last two columns are for comparison with runs before 2026-12-02, whose baseline sent the same body with only Content-Type and Content-Length: it runs after each round.`,
    "",
    "| target | status | bytes | req/s | p50 / p99 | baseline req/s | baseline p50 / p99 | ratio | two-header baseline req/s | ratio to it | errors |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ...rows,
    "",
    "Counting answer views, and a notice in force, on the prepared-page path: same run, same rounds (goal: at most 5 % slower each). With no notice in force the rows above are the measure: the page path then checks one length.",
    "",
    "| target | measured | ratio |",
    "| --- | --- | --- |",
    viewCounting,
    notice,
  ].join("\n");
}

/** A reader's browser: views are counted only for a client that says what it is and is not a crawler. */
export const BROWSER =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";

/**
 * What counting answer views costs the prepared-page fast path: one server (ANALYTICS on, its own SQLite
 * file), the same question page asked for by a browser, counted, and by the same browser prefetching it,
 * which is not counted, in alternating rounds. The page, its bytes and everything else the server does are
 * the same; only the counting differs. Goal: counted at 0.95 of not counted or better, and every view stored.
 */
export async function viewCountingRow(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "bench-views-"));
  const file = path.join(dir, "views.db");
  const server = await startServer(3406, undefined, { ACCESS_LOG: "off", DATABASE_URL: `sqlite:${file}` });
  const url = "http://127.0.0.1:3406/questions/ae01";
  const counted = { "User-Agent": BROWSER };
  const notCounted = { "User-Agent": BROWSER, "Sec-Purpose": "prefetch" };
  const onRuns: RunResult[] = [];
  const offRuns: RunResult[] = [];
  let answered = 0;
  const countedRun = async () => {
    const result = await run(url, counted);
    answered += result.answered;
    onRuns.push(result);
  };
  const notCountedRun = async () => {
    offRuns.push(await run(url, notCounted));
  };
  try {
    answered += (await run(url, counted, 2)).answered; // warm-up
    await run(url, notCounted, 2);
    for (let round = 0; round < ROUNDS; round++) {
      if (round % 2 === 0) {
        await countedRun();
        await notCountedRun();
      } else {
        await notCountedRun();
        await countedRun();
      }
    }
  } finally {
    // SIGTERM: the server writes its queue, and the views summed in memory, before it exits.
    const exited = new Promise((resolve) => server.child.once("exit", resolve));
    server.child.kill("SIGTERM");
    await exited;
  }
  const db = openDatabase({ kind: "sqlite", file });
  const stored = Number(
    (
      await db
        .selectFrom("answer_views_daily")
        .select((eb) => eb.fn.sum<number>("views").as("views"))
        .executeTakeFirst()
    )?.views ?? 0,
  );
  await db.destroy();
  await rm(dir, { recursive: true, force: true });
  const ratios = roundRatios(
    onRuns.map((r) => r.rps),
    offRuns.map((r) => r.rps),
  );
  const ratio = median(ratios);
  // autocannon stops counting with a request in flight on each connection: those may be counted too.
  const everyOne = stored >= answered && stored <= answered + (ROUNDS + 1) * CONNECTIONS;
  const met = ratios.every(Number.isFinite) && ratio >= 0.95 && everyOne;
  return `| question page as a browser asks for it (counted) against the same browser prefetching it (not counted), one server | ${median(onRuns.map((r) => r.rps)).toFixed(0)} req/s counted, ${median(offRuns.map((r) => r.rps)).toFixed(0)} not (medians); p99 ${median(onRuns.map((r) => r.p99))} / ${median(offRuns.map((r) => r.p99))} ms; each round's ratio: ${ratios.map((r) => r.toFixed(2)).join(", ")}; ${answered} views answered, ${stored} stored | **${ratio.toFixed(3)}** ${met ? "≥ 0.95, every view stored ✓" : "≥ 0.95, every view stored ✗"} |`;
}

/**
 * What a notice in force costs the pages it is on: the AE01 answer from a server whose content has a notice
 * about AE01 in force (so the page carries it), against the same page from a server with none, in
 * alternating rounds (ANALYTICS=off on both, so nothing else differs). Goal: at 0.95 of it or better.
 */
export async function noticeRow(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "bench-notice-"));
  await cp(path.join(ROOT, "content"), dir, { recursive: true });
  const at = (offsetMs: number) => new Date(Date.now() + offsetMs + 9 * 3_600_000).toISOString().slice(0, 16);
  await mkdir(path.join(dir, "notices"), { recursive: true });
  await writeFile(
    path.join(dir, "notices", "ae01.md"),
    `---\ntitle: AE01 が表示される件について\nbody: 現在確認しています。https://status.example.jp/ae01\nkind: outage\nscope: code:AE01\nstarts_at: "${at(-3_600_000)}"\nends_at: "${at(3_600_000)}"\n---\n`,
  );
  const noticed = await startServer(3408, dir, { ACCESS_LOG: "off", ANALYTICS: "off" });
  const plain = await startServer(3409, undefined, { ACCESS_LOG: "off", ANALYTICS: "off" });
  const withNotice: RunResult[] = [];
  const without: RunResult[] = [];
  let carries = false;
  try {
    carries = (await (await fetch("http://127.0.0.1:3408/questions/ae01")).text()).includes(
      "AE01 が表示される件について",
    );
    await run("http://127.0.0.1:3408/questions/ae01", {}, 2);
    await run("http://127.0.0.1:3409/questions/ae01", {}, 2);
    for (let round = 0; round < ROUNDS; round++) {
      const pair = [
        async () => withNotice.push(await run("http://127.0.0.1:3408/questions/ae01")),
        async () => without.push(await run("http://127.0.0.1:3409/questions/ae01")),
      ];
      if (round % 2 === 1) pair.reverse();
      for (const one of pair) await one();
    }
  } finally {
    noticed.child.kill();
    plain.child.kill();
    await rm(dir, { recursive: true, force: true });
  }
  const ratios = roundRatios(
    withNotice.map((r) => r.rps),
    without.map((r) => r.rps),
  );
  const ratio = median(ratios);
  const met = carries && ratios.every(Number.isFinite) && ratio >= 0.95;
  return `| the AE01 answer with a notice about AE01 in force (the page carries it) against the same page with none | ${median(withNotice.map((r) => r.rps)).toFixed(0)} req/s with, ${median(without.map((r) => r.rps)).toFixed(0)} without (medians); p99 ${median(withNotice.map((r) => r.p99))} / ${median(without.map((r) => r.p99))} ms; each round's ratio: ${ratios.map((r) => r.toFixed(2)).join(", ")} | **${ratio.toFixed(3)}** ${met ? "≥ 0.95 ✓" : "≥ 0.95 ✗"} |`;
}

export async function runScaleBench(sizes: number[] = [1000, 10000, 30000]): Promise<string> {
  const rows: string[] = [];
  for (const size of sizes) {
    const dir = await mkdtemp(path.join(tmpdir(), `bench-content-${size}-`));
    try {
      await generateContent(size, dir);
      const port = 3403;
      const started = performance.now();
      const { child, startMs } = await startServer(port, dir);
      try {
        const site = `http://127.0.0.1:${port}`;
        while (!(await fetch(`${site}/readyz`)).ok) await sleep(20);
        const readyMs = performance.now() - started;
        const readyRss = await rssMb(child.pid);
        const page = await run(`${site}/questions/gen-00001`, {}, 3);
        const search = await run(`${site}/api/search?q=${encodeURIComponent("パスワード 忘れた")}`, {}, 3);
        const rss = await rssMb(child.pid);
        rows.push(
          `| ${size.toLocaleString("en")} | ${startMs.toFixed(0)} | ${readyMs.toFixed(0)} | ${readyRss.toFixed(0)} | ${rss.toFixed(0)} | ${page.p99} | ${search.p99} | ${search.rps.toFixed(0)} |`,
        );
        console.error(rows.at(-1));
      } finally {
        child.kill();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  return [
    "Generated content (the seed's sentences recombined, spread over the three categories). Start = process spawn to first `/healthz` 200 (pages are served from then on); ready = to first `/readyz` 200 (the search index built on its thread). RSS when ready, and after the runs: one question page and one search, 10 connections, 3 s each.",
    "",
    "| entries | start (ms) | ready (ms) | RSS ready (MB) | RSS after (MB) | page p99 (ms) | search p99 (ms) | search req/s |",
    "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ...rows,
  ].join("\n");
}
