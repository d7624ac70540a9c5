// Analytics cost and feedback throughput, production build: /search with analytics on against off in the
// same run, and POST /api/feedback at 50 connections on SQLite, with the stored count checked.
import type { ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { openDatabase } from "../src/db/open-database.js";
import { median, roundRatios, startServer, timedRun } from "./http.js";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);
const VOTES = Number(process.env.BENCH_VOTES ?? 20_000);
const VOTE_WARM_UP = 2_000;
const SEARCH_CONNECTIONS = 10;
const QUESTIONS = ["ae01", "ae02", "ae03", "ae04", "ae05", "ae06", "forgot-password"];

async function searchThroughput(url: string): Promise<{ rps: number; answered: number }> {
  const result = await autocannon({ url, connections: SEARCH_CONNECTIONS, duration: SECONDS });
  return { rps: result.requests.average, answered: result["2xx"] };
}

async function countRows(file: string, table: "search_events" | "feedback_votes"): Promise<number> {
  const db = openDatabase({ kind: "sqlite", file });
  try {
    return Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirst()
      )?.n ?? 0,
    );
  } finally {
    await db.destroy();
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  // SIGTERM: the server writes its queue before it exits. One that hangs is killed, and the bench says so.
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
  await exited;
  clearTimeout(timer);
  if (child.signalCode === "SIGKILL")
    throw new Error("the server did not exit within 30 s of SIGTERM: its queue may not have been written");
}

export async function runAnalyticsBench(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "bench-analytics-"));
  const rows: string[] = [];
  try {
    // /search with analytics on and off, alternating; both record nothing else.
    const searchesFile = path.join(dir, "on.db");
    const on = await startServer(3411, undefined, { DATABASE_URL: `sqlite:${searchesFile}` });
    const off = await startServer(3412, undefined, { ANALYTICS: "off" });
    const query = `/search?q=${encodeURIComponent("パスワード 忘れた")}`;
    const onRuns: number[] = [];
    const offRuns: number[] = [];
    // Every results page the server with analytics on answered, warm-up included: each must be stored. A
    // few more may be: autocannon stops counting with requests still in flight, at most one per connection.
    let served = 0;
    let runsOn = 0;
    const onRun = async () => {
      const run = await searchThroughput(`http://127.0.0.1:3411${query}`);
      served += run.answered;
      runsOn++;
      return run.rps;
    };
    const offRun = async () => (await searchThroughput(`http://127.0.0.1:3412${query}`)).rps;
    try {
      await onRun();
      await offRun();
      // Which goes first alternates, so a machine speeding up or slowing down during the runs favours neither.
      for (let round = 0; round < ROUNDS; round++) {
        if (round % 2 === 0) {
          onRuns.push(await onRun());
          offRuns.push(await offRun());
        } else {
          offRuns.push(await offRun());
          onRuns.push(await onRun());
        }
      }
    } finally {
      await stop(on.child);
      await stop(off.child);
    }
    const searchesStored = await countRows(searchesFile, "search_events");
    const everyOneStored = searchesStored >= served && searchesStored <= served + runsOn * SEARCH_CONNECTIONS;
    // The figure is the median of the rounds' on/off ratios; every round's is listed.
    const ratios = roundRatios(onRuns, offRuns);
    const ratio = median(ratios);
    rows.push(
      `| \`/search\` (cached query), 10 connections | ${median(onRuns).toFixed(0)} req/s with analytics on, ${median(offRuns).toFixed(0)} off (medians); each round's ratio: ${ratios.map((r) => r.toFixed(2)).join(", ")}; ${served} results pages counted as answered with analytics on, ${searchesStored} searches stored | **${ratio.toFixed(3)}** ${ratio >= 0.9 && everyOneStored ? "≥ 0.9, every search stored ✓" : "≥ 0.9, every search stored ✗"} |`,
    );

    // Votes: 50 connections, each vote from a different reader (its own address, forwarded by "a proxy" on
    // loopback, since readers are told apart by address), so each one is stored.
    const file = path.join(dir, "votes.db");
    const server = await startServer(3413, undefined, {
      DATABASE_URL: `sqlite:${file}`,
      FEEDBACK_RATE_LIMIT: "0",
      TRUST_PROXY: "loopback",
    });
    let n = 0;
    let result: autocannon.Result;
    let seconds: number;
    let warmUpAcknowledged: number;
    try {
      // A fixed number of votes rather than a duration, so every one sent is answered before counting.
      const votes = (amount: number) =>
        timedRun({
          url: "http://127.0.0.1:3413",
          connections: 50,
          amount,
          requests: [
            {
              method: "POST",
              path: "/api/feedback",
              setupRequest: (request) => {
                n++;
                return {
                  ...request,
                  headers: {
                    ...request.headers,
                    "content-type": "application/json",
                    "x-forwarded-for": `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
                  },
                  body: JSON.stringify({ question: QUESTIONS[n % QUESTIONS.length], helpful: n % 3 !== 0 }),
                };
              },
            },
          ],
        });
      // As for every other target, a warm-up first: the timed votes meet a server whose code V8 has compiled.
      warmUpAcknowledged = (await votes(VOTE_WARM_UP)).result["2xx"];
      ({ result, seconds } = await votes(VOTES));
    } finally {
      await stop(server.child);
    }
    const acknowledged = result["2xx"];
    // Every vote acknowledged, the warm-up's too, must be stored.
    const stored = (await countRows(file, "feedback_votes")) - warmUpAcknowledged;
    const votesPerSecond = acknowledged / seconds;
    rows.push(
      `| \`POST /api/feedback\` on SQLite, 50 connections, ${VOTES.toLocaleString("en")} votes in ${seconds.toFixed(1)} s | ${votesPerSecond.toFixed(0)} votes/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms; ${acknowledged} acknowledged, ${stored} stored, ${result.non2xx} refused, ${result.errors} errors | ${votesPerSecond >= 2000 && result.latency.p99 < 20 && stored === acknowledged ? "≥ 2,000/s, p99 < 20 ms, stored = acknowledged ✓" : "≥ 2,000/s, p99 < 20 ms, stored = acknowledged ✗"} |`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return [
    `Production build. ${ROUNDS} rounds of a ${SECONDS}-second run each with analytics on and off, back to back, which goes first alternating; the ratio is the median of the rounds' on/off ratios, and every results page answered with analytics on must be a stored search (the server is stopped with SIGTERM, then the rows are counted; up to one a connection more may be stored, answered after autocannon stopped counting); the vote run sends ${VOTE_WARM_UP.toLocaleString("en")} votes to warm up, then the timed fixed number, each from a different reader, then SIGTERM, then the rows are counted (stored = acknowledged counts the warm-up's on both sides).`,
    "",
    "| measure | figures | goal |",
    "| --- | --- | --- |",
    ...rows,
  ].join("\n");
}
