// The dashboard at scale: 1,000,000 search events and 100,000 votes written through the real writer
// (so the rollups and the rewrites are the server's), then each report rendered through the app, signed in,
// as a browser would ask for it. Goal: every report under 200 ms, the suggestions page under 500 ms.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { Operators } from "../src/admin/operators.js";
import { loadContent } from "../src/content/load-content.js";
import { parseDatabaseUrl } from "../src/db/database-url.js";
import { migrate } from "../src/db/migrations.js";
import { type Db, openDatabase } from "../src/db/open-database.js";
import { openSqliteOnThread } from "../src/db/sqlite-thread.js";
import type { Content } from "../src/content/types.js";
import { defaultContentDir, projectRoot } from "../src/paths.js";
import { createApp } from "../src/web/app/create-app.js";
import { generateAnalytics } from "./generate-analytics.js";
import { median } from "./http.js";

const SEARCHES = Number(process.env.BENCH_DASHBOARD_SEARCHES ?? 1_000_000);
const VOTES = Number(process.env.BENCH_DASHBOARD_VOTES ?? 100_000);
const PASSWORD = "measured reports passphrase";
/** Each page's goal: the reports 200 ms, the suggestions (mined from the rewrites on each load) 500 ms. */
const goalOf = (target: string) => (target.startsWith("/admin/suggestions") ? 500 : 200);

/** On SQLite, and on PostgreSQL too when BENCH_DATABASE_URL names an empty database. */
export async function runDashboardBenches(): Promise<string> {
  const sqlite = await runDashboardBench();
  const postgres = process.env.BENCH_DATABASE_URL;
  return postgres ? `${sqlite}\n\n${await runDashboardBench(postgres)}` : sqlite;
}

/**
 * A reader's question page, fetched again and again while an operator loads the heaviest pages (the
 * suggestions and the 90-day overview, 3 times each): with the reports on a thread of their own (as the server
 * runs) and, in the same run, on the event loop's connection (as before). The reader's slowest answer is
 * what a report that holds the event loop costs everyone.
 */
async function readersDuringReports(content: Content, db: Db, cookie: string, threadOrigin: string): Promise<string[]> {
  const onLoop = createServer(createApp(content, { admin: { db }, search: { perMinute: 0 } }).handle);
  await new Promise<void>((resolve) => onLoop.listen(0, "127.0.0.1", resolve));
  const loopOrigin = `http://127.0.0.1:${(onLoop.address() as AddressInfo).port}`;
  const measure = async (origin: string) => {
    const times: number[] = [];
    let done = false;
    const operator = (async () => {
      for (let i = 0; i < 3; i++)
        for (const target of ["/admin/suggestions?days=90", "/admin?days=90"])
          await (await fetch(`${origin}${target}`, { headers: { Cookie: cookie } })).arrayBuffer();
      done = true;
    })();
    while (!done) {
      const started = performance.now();
      await (await fetch(`${origin}/questions/ae01`)).arrayBuffer();
      times.push(performance.now() - started);
    }
    await operator;
    times.sort((a, b) => a - b);
    return { n: times.length, p50: median(times), max: times.at(-1) ?? 0 };
  };
  try {
    const rows: string[] = [];
    for (let round = 0; round < 3; round++) {
      const thread = await measure(threadOrigin);
      const loop = await measure(loopOrigin);
      rows.push(
        `| ${round + 1} | ${thread.n} answered, p50 ${thread.p50.toFixed(1)} ms, slowest ${thread.max.toFixed(0)} ms | ${loop.n} answered, p50 ${loop.p50.toFixed(1)} ms, slowest ${loop.max.toFixed(0)} ms |`,
      );
    }
    return [
      "",
      "A reader's question page fetched one after another while an operator loads 改善の提案 and the 90-day 概要 three times each (three rounds, alternating):",
      "",
      "| round | reports on their own thread (as the server runs) | reports on the event loop's connection |",
      "| --- | --- | --- |",
      ...rows,
    ];
  } finally {
    onLoop.close();
  }
}

export async function runDashboardBench(databaseUrl?: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "bench-dashboard-"));
  const location = parseDatabaseUrl(databaseUrl ?? `sqlite:${path.join(dir, "dashboard.db")}`, projectRoot);
  const db = openDatabase(location);
  const server = createServer();
  let reportsDb: Db | undefined;
  try {
    await migrate(db, location.kind);
    const content = await loadContent(defaultContentDir);
    const filling = performance.now();
    await generateAnalytics(db, content, { searches: SEARCHES, votes: VOTES, days: 180 });
    const fillMs = performance.now() - filling;
    // PostgreSQL plans index-only scans from the visibility map and statistics that autovacuum keeps; after a
    // bulk load of this size that has not happened yet, so do now what it would do within minutes.
    if (location.kind === "postgres") await sql`vacuum analyze`.execute(db);
    await new Operators(db).add("operator", PASSWORD);
    // As the server wires it: on SQLite the reports read through a connection on a thread of their own.
    reportsDb = location.kind === "sqlite" ? openSqliteOnThread(location.file) : db;
    server.on("request", createApp(content, { admin: { db, reportsDb }, search: { perMinute: 0 } }).handle);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const form = await fetch(`${origin}/admin/login`);
    const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? "";
    const loginCookie = form.headers.get("set-cookie")?.split(";")[0] ?? "";
    const signedIn = await fetch(`${origin}/admin/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: loginCookie },
      body: new URLSearchParams({ _csrf: token, username: "operator", password: PASSWORD }),
    });
    const cookie =
      signedIn.headers
        .getSetCookie()
        .find((c) => c.startsWith("hc_admin="))
        ?.split(";")[0] ?? "";
    const rows: string[] = [];
    for (const target of [
      "/admin",
      "/admin?days=90",
      "/admin/no-results?days=90",
      "/admin/searches?days=90",
      "/admin/questions?days=90",
      "/admin/reports/searches.csv?days=90",
      "/admin/reports/questions.csv?days=90",
      "/admin/suggestions?days=90",
    ]) {
      const times: number[] = [];
      let status = 0;
      for (let i = 0; i < 7; i++) {
        const started = performance.now();
        const res = await fetch(`${origin}${target}`, { headers: { Cookie: cookie } });
        await res.arrayBuffer();
        status = res.status;
        times.push(performance.now() - started);
      }
      const p50 = median(times);
      rows.push(
        `| \`${target}\` | ${status} | ${p50.toFixed(1)} ms | ${Math.max(...times).toFixed(1)} ms | < ${goalOf(target)} ms ${p50 < goalOf(target) && status === 200 ? "✓" : "✗"} |`,
      );
      console.error(rows.at(-1));
    }
    const blocking = location.kind === "sqlite" ? await readersDuringReports(content, db, cookie, origin) : [];
    return [
      `${location.kind === "sqlite" ? "SQLite" : "PostgreSQL"}, ${SEARCHES.toLocaleString("en")} search events and ${VOTES.toLocaleString("en")} votes over 180 days, written through the real writer in ${(fillMs / 1000).toFixed(0)} s. Each report fetched 7 times over HTTP, signed in; median and slowest.`,
      "",
      "| report | status | median | slowest | goal |",
      "| --- | --- | --- | --- | --- |",
      ...rows,
      ...blocking,
    ].join("\n");
  } finally {
    server.close();
    if (reportsDb && reportsDb !== db) await reportsDb.destroy();
    await db.destroy();
    await rm(dir, { recursive: true, force: true });
  }
}
