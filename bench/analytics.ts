// Analytics cost and feedback throughput, production build: /search with analytics on against off in the
// same run, and POST /api/feedback at 50 connections on SQLite, with the stored count checked.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { openDatabase } from "../src/db/open-database.js";
import { median, startServer, timedRun } from "./http.js";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);
const VOTES = Number(process.env.BENCH_VOTES ?? 20_000);
const QUESTIONS = ["ae01", "ae02", "ae03", "ae04", "ae05", "ae06", "forgot-password"];

async function searchThroughput(url: string): Promise<number> {
  const result = await autocannon({ url, connections: 10, duration: SECONDS });
  return result.requests.average;
}

export async function runAnalyticsBench(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "bench-analytics-"));
  const rows: string[] = [];
  try {
    // /search with analytics on and off, alternating; both record nothing else.
    const on = await startServer(3411, undefined, { DATABASE_URL: `sqlite:${path.join(dir, "on.db")}` });
    const off = await startServer(3412, undefined, { ANALYTICS: "off" });
    const query = `/search?q=${encodeURIComponent("パスワード 忘れた")}`;
    const onRuns: number[] = [];
    const offRuns: number[] = [];
    try {
      await searchThroughput(`http://127.0.0.1:3411${query}`);
      await searchThroughput(`http://127.0.0.1:3412${query}`);
      // Which goes first alternates, so a machine speeding up or slowing down during the runs favours neither.
      for (let round = 0; round < ROUNDS; round++) {
        const on = () => searchThroughput(`http://127.0.0.1:3411${query}`);
        const off = () => searchThroughput(`http://127.0.0.1:3412${query}`);
        if (round % 2 === 0) {
          onRuns.push(await on());
          offRuns.push(await off());
        } else {
          offRuns.push(await off());
          onRuns.push(await on());
        }
      }
    } finally {
      on.child.kill();
      off.child.kill();
    }
    // Each round's on and off ran back to back, so their ratio is the one least moved by what the shared
    // machine did meanwhile; the median of those ratios is the figure, every round's is listed.
    const ratios = onRuns.map((on, round) => on / (offRuns[round] ?? NaN));
    const ratio = median(ratios);
    rows.push(
      `| \`/search\` (cached query), 10 connections | ${median(onRuns).toFixed(0)} req/s with analytics on, ${median(offRuns).toFixed(0)} off (medians); each round's ratio: ${ratios.map((r) => r.toFixed(2)).join(", ")} | **${ratio.toFixed(3)}** ${ratio >= 0.9 ? "≥ 0.9 ✓" : "≥ 0.9 ✗"} |`,
    );

    // Votes: 50 connections, each vote from a different reader (user agent), so each one is stored.
    const file = path.join(dir, "votes.db");
    const server = await startServer(3413, undefined, { DATABASE_URL: `sqlite:${file}`, FEEDBACK_RATE_LIMIT: "0" });
    let n = 0;
    let result: autocannon.Result;
    let seconds: number;
    try {
      // A fixed number of votes rather than a duration, so every one sent is answered before counting.
      ({ result, seconds } = await timedRun({
        url: "http://127.0.0.1:3413",
        connections: 50,
        amount: VOTES,
        requests: [
          {
            method: "POST",
            path: "/api/feedback",
            setupRequest: (request) => {
              n++;
              return {
                ...request,
                headers: { ...request.headers, "content-type": "application/json", "user-agent": `bench-reader-${n}` },
                body: JSON.stringify({ question: QUESTIONS[n % QUESTIONS.length], helpful: n % 3 !== 0 }),
              };
            },
          },
        ],
      }));
    } finally {
      // SIGTERM: the server writes its queue before it exits.
      server.child.kill("SIGTERM");
      await new Promise((resolve) => server.child.once("exit", resolve));
    }
    const acknowledged = result["2xx"];
    const db = openDatabase({ kind: "sqlite", file });
    const stored = Number((await db.selectFrom("feedback_votes").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirst())?.n ?? 0);
    await db.destroy();
    const votesPerSecond = acknowledged / seconds;
    rows.push(
      `| \`POST /api/feedback\` on SQLite, 50 connections, ${VOTES.toLocaleString("en")} votes in ${seconds.toFixed(1)} s | ${votesPerSecond.toFixed(0)} votes/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms; ${acknowledged} acknowledged, ${stored} stored, ${result.non2xx} refused, ${result.errors} errors | ${votesPerSecond >= 2000 && result.latency.p99 < 20 && stored === acknowledged ? "≥ 2,000/s, p99 < 20 ms, stored = acknowledged ✓" : "≥ 2,000/s, p99 < 20 ms, stored = acknowledged ✗"} |`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return [
    `Production build. ${ROUNDS} rounds of a ${SECONDS}-second run each with analytics on and off, back to back, which goes first alternating; the ratio is the median of the rounds' on/off ratios; the vote run sends a fixed number of votes, each from a different reader, then SIGTERM, then the rows are counted.`,
    "",
    "| measure | figures | goal |",
    "| --- | --- | --- |",
    ...rows,
  ].join("\n");
}
